"""The WSGI entry point (gunicorn in production: docs/operations.md).

Every view is imported here, as the process starts, not on its first request, and what is loaded by then is moved
out of the cyclic garbage collector's reach (`gc.freeze`): it lives as long as the process, and a full collection
walked all of it (about 210,000 objects, 0.1 s each time, one request in a thousand paying it).

The youngest generation is collected every GC_YOUNGEST_THRESHOLD allocations instead of Python's 700, which ran it
more than once an order (cart and checkout requests): the collector's time per order fell from 0.61-0.70 ms to
0.34-0.43 ms (docs/benchmarks.md, fourteenth pass); 20,000 was slower again.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

GC_YOUNGEST_THRESHOLD = 5_000

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shopplatform.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018  (imports every URLconf and view)
gc.freeze()
gc.set_threshold(GC_YOUNGEST_THRESHOLD, *gc.get_threshold()[1:])
