"""A gunicorn worker is ready before its first request: everything loaded, then frozen."""

import gc
import importlib
import sys

from django.urls import clear_url_caches, get_resolver


def test_the_worker_loads_every_view_then_hides_it_from_the_collector() -> None:
    gc.unfreeze()
    clear_url_caches()
    assert "url_patterns" not in get_resolver().__dict__
    sys.modules.pop("homeward.config.wsgi", None)
    try:
        importlib.import_module("homeward.config.wsgi")
        assert "url_patterns" in get_resolver().__dict__  # every view and API schema: loaded
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
