"""Hostile files for upload tests, made in the test: decompression bombs, animated and broken
images, polyglots. None is read from disk, and none takes more than a moment to make."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_bomb(width: int, height: int) -> bytes:
    """A complete, valid black-and-white PNG of width × height pixels that compresses to a few
    kilobytes (20000 × 20000: about 50 KB), as testers sent. Written row by row with zlib, so
    making it never holds the decoded image in memory (Pillow's Image.new would)."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)  # filter byte, then the packed bits
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(row) for _ in range(height)]
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit grey
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", b"".join(parts))
        + _chunk(b"IEND", b"")
    )


def image_bytes(size: tuple[int, int] = (40, 30), fmt: str = "PNG", colour: str = "blue") -> bytes:
    data = io.BytesIO()
    Image.new("RGB", size, colour).save(data, format=fmt)
    return data.getvalue()


def animated_png(frames: int, size: tuple[int, int] = (32, 32)) -> bytes:
    """An animated PNG with many frames."""
    images = [Image.new("RGB", size, (i % 256, 0, 0)) for i in range(frames)]
    data = io.BytesIO()
    images[0].save(data, format="PNG", save_all=True, append_images=images[1:])
    return data.getvalue()


def truncated_png() -> bytes:
    """A PNG cut off in its image data: the header reads, the pixels do not."""
    whole = image_bytes((200, 200), "PNG")
    return whole[: len(whole) // 2]


def pdf_with_html() -> bytes:
    """A polyglot: a PDF by its signature, with an HTML page and a script inside."""
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
        b"<html><body><script>alert(document.cookie)</script></body></html>\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )
