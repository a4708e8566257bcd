"""Store pages (home, content pages, the news list at /blog, robots.txt) and the health check."""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from catalog.views import card_products, page_viewer, product_cards

from .context_processors import current_store
from .models import ContentPage, NewsPost, WorkerHeartbeat

HOME_SECTION_SIZE = 8
NEWS_PER_PAGE = 10
# Pages with per-visitor content that search engines should not index.
PRIVATE_PATHS = ("/account/", "/cart/", "/checkout/", "/order/", "/wishlist/", "/admin/", "/api/")


def home(request):
    """The store notice, featured products and the newest products."""
    store = current_store(request)
    products = card_products(page_viewer(request))
    size = min(store.products_per_page_home or HOME_SECTION_SIZE, HOME_SECTION_SIZE)
    context = {
        "seo": store,
        "featured": product_cards(request, products.filter(featured=True)[:size]),
        "newest": product_cards(request, products.order_by("-new", "-created_at", "-pk")[:size]),
    }
    return render(request, "store/home.html", context)


def content_page(request, slug: str):
    """A published content page (terms, privacy, about, contact...) edited in the admin."""
    page = ContentPage.objects.filter(slug=slug, published=True).first()
    if page is None:
        raise Http404("No such page.")
    return render(request, "store/page.html", {"page": page, "seo": page})


def blog(request):
    """Published news posts, newest first (SK-19 /blog); each opens at /news/<slug>."""
    page = Paginator(NewsPost.objects.published(), NEWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "store/blog.html", {"page": page})


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in PRIVATE_PATHS)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('store:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def _check(probe) -> dict:
    started = time.perf_counter()
    try:
        detail = probe()
    except Exception as exc:  # any failure means the dependency is down; report it, don't raise
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1), **(detail or {})}


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"vendor": connection.vendor}


def _cache() -> dict:
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return the value it stored")
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def _broker() -> dict:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"mode": "eager"}
    from shopplatform.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return {"mode": "redis"}


def _last_worker_heartbeat() -> dict | None:
    """The newest worker heartbeat, for information only: a lagging worker does not make the web tier unhealthy."""
    try:
        heartbeat = WorkerHeartbeat.objects.first()
    except DatabaseError:
        return None
    if heartbeat is None:
        return None
    return {"hostname": heartbeat.hostname, "seen_at": heartbeat.seen_at.strftime("%Y-%m-%dT%H:%M:%SZ")}


@never_cache
def healthz(request):
    """Report database, cache and broker; 503 when any is down. Also shows the last worker heartbeat."""
    checks = {"database": _check(_database), "cache": _check(_cache), "broker": _check(_broker)}
    healthy = all(check["ok"] for check in checks.values())
    body = {"status": "ok" if healthy else "degraded", "checks": checks, "worker": _last_worker_heartbeat()}
    return JsonResponse(body, status=200 if healthy else 503)
