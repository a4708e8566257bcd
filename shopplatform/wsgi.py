"""The WSGI entry point (gunicorn in production: docs/operations.md).

Every view is imported here, as the process starts, not on its first request, and what is loaded by then is moved
out of the cyclic garbage collector's reach (`gc.freeze`): it lives as long as the process, and a full collection
walked all of it (about 210,000 objects, 0.1 s each time, one request in a thousand paying it).

Python's collection thresholds are kept: collecting the youngest generation every 5,000 allocations instead of
700 cut the collector's time per order by a third (0.6-0.7 to 0.4-0.5 ms) but grew each worker by about 55 MB
over 10,000 requests (docs/benchmarks.md, fourteenth pass).
"""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shopplatform.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018  (imports every URLconf and view)
gc.freeze()
