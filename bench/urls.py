"""Homeward's URLs, and the benchmark's baselines under /bench/."""

from django.urls import include, path

from homeward.config.urls import handler400, handler403, handler404, handler500, urlpatterns

urlpatterns = [*urlpatterns, path("bench/", include("bench.baselines.urls"))]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
