"""The benchmark's settings: Homeward's own, plus the unauthenticated baselines under /bench/
(bench/urls.py). bench/run.py and bench/where_time_goes.py select them with
DJANGO_SETTINGS_MODULE=bench.settings and the project directory on PYTHONPATH.

The baselines answer anyone for any organisation named in the query string, so these settings
refuse to load outside demo, debug and test runs."""

from django.core.exceptions import ImproperlyConfigured

from homeward.config.settings import *  # noqa: F403
from homeward.config.settings import DEBUG, DEMO, TESTING

if not (DEMO or DEBUG or TESTING):
    raise ImproperlyConfigured(
        "bench.settings serves unauthenticated baselines: only with HOMEWARD_DEMO=1, "
        "HOMEWARD_DEBUG=1 or HOMEWARD_TESTING=1"
    )

ROOT_URLCONF = "bench.urls"
