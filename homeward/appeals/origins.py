"""A widget site's origin: the one value that goes into the widget's
`Content-Security-Policy: frame-ancestors`, so it must never carry anything but an origin.

At registration the origin is rebuilt from its parsed parts (scheme, lower-case IDNA host,
optional numeric port), and anything else (whitespace, `;`, `,`, `*`, quotes, user info, a path)
is refused. When the policy is written, the stored origin is checked again against a strict
pattern: a value that does not match is never sent."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

LOCAL_HOSTS = ("localhost", "127.0.0.1")
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
# the only characters an origin may have before it is parsed
_ORIGIN_CHARACTERS = re.compile(r"[A-Za-z0-9.:/\-\[\]\u0080-\U0010ffff]+")
SAFE_ORIGIN = re.compile(
    rf"(?:https://{_LABEL}(?:\.{_LABEL})*|http://(?:localhost|127\.0\.0\.1))(?::[0-9]{{1,5}})?"
)


def rebuilt_origin(value: str) -> str | None:
    """`scheme://host[:port]` rebuilt from the parts of `value`, or None when `value` is not
    exactly an origin (a trailing slash is allowed); http only for localhost and 127.0.0.1."""
    text = value.strip()
    if text.endswith("/"):
        text = text[:-1]
    if not text or len(text) > 200 or not _ORIGIN_CHARACTERS.fullmatch(text):
        return None
    parts = urlsplit(text)
    try:
        port = parts.port
    except ValueError:
        return None
    if parts.path or parts.query or parts.fragment or parts.username or parts.password:
        return None
    if not parts.hostname or not parts.netloc or parts.netloc.endswith(":"):
        return None
    try:
        host = parts.hostname.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    scheme = parts.scheme.lower()
    if not (scheme == "https" or (scheme == "http" and host in LOCAL_HOSTS)):
        return None
    if host not in LOCAL_HOSTS and not _HOST.fullmatch(host):
        return None
    origin = f"{scheme}://{host}" + (f":{port}" if port is not None else "")
    return origin if is_safe_origin(origin) else None


def is_safe_origin(origin: str) -> bool:
    """Whether a stored origin may be written into a policy as it is."""
    return bool(SAFE_ORIGIN.fullmatch(origin))
