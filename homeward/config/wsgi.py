import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.config.settings")
application = get_wsgi_application()

# Load every view and the API's schemas now, not on a worker's first request (which would wait
# for them), then move everything loaded so far out of the garbage collector's sight: those
# ~150,000 objects live as long as the worker, and every full collection scanned them again.
get_resolver().url_patterns  # noqa: B018 (the attribute imports the URLconf and every view)
gc.freeze()
