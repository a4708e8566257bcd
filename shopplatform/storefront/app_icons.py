"""The store as an installable web app: /manifest.webmanifest (the store's name and brand colour, the PNG icons of
static/icons/) and the icon paths browsers and home screens ask for at the site root without reading any page.

The icons are static files (WhiteNoise serves them with far-future caching); the manifest is a view because it names
the store, and is cached for an hour. iOS fetches /apple-touch-icon.png (and -precomposed) at the root whatever the
page links, and would otherwise get the 404 page: both redirect to the static icon.
"""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from shopplatform.store.context_processors import current_store
from shopplatform.store.theme import theme_colours

MANIFEST_SECONDS = 3600
SHORT_NAME_LENGTH = 12  # what fits under an icon on a phone's home screen
ICONS = [
    {"src": "icons/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
    {"src": "icons/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
    {"src": "icons/icon-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
]
APPLE_TOUCH_ICON = "icons/apple-touch-icon.png"


@require_GET
@cache_control(public=True, max_age=MANIFEST_SECONDS)
def web_app_manifest(request):
    store = current_store(request)
    name = store.name or "Shopplatform"
    manifest = {
        "name": name,
        "short_name": name if len(name) <= SHORT_NAME_LENGTH else name[: SHORT_NAME_LENGTH - 1].rstrip() + "…",
        "start_url": "/",
        "scope": "/",
        "display": "minimal-ui",
        "background_color": "#ffffff",
        "theme_color": theme_colours(store).brand,
        "icons": [{**icon, "src": static(icon["src"])} for icon in ICONS],
    }
    return JsonResponse(manifest, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


@require_GET
def apple_touch_icon(request):
    return redirect(static(APPLE_TOUCH_ICON), permanent=True)
