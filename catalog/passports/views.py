"""Public Digital Product Passport pages at GS1 Digital Link URIs (catalog.passports.urls, at the site root).

`/01/{gtin}` shows the product's passport, `/01/{gtin}/21/{serial}` one unit's (the product's when the unit has no
passport of its own). The GTIN may be written with 8, 12, 13 or 14 digits; the page names the 14-digit form as
canonical. Only publicly visible products have a page.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from shopplatform.countries import country_name
from shopplatform.errors import NotFound
from shopplatform.links import absolute_url

from ..queries import Viewer
from .services import digital_link_path, passport_for, product_for_gtin


@require_safe
@cache_control(public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
def passport_page(request, gtin: str, serial: str = ""):
    try:
        product = product_for_gtin(gtin, viewer=Viewer())
        passport = passport_for(product=product, serial_number=serial)
    except NotFound as exc:
        raise Http404(exc.detail) from None
    context = {
        "product": product,
        "passport": passport,
        "serial": serial,
        "origin_country_name": country_name(passport.origin_country) if passport.origin_country else "",
        "product_url": reverse("catalog:product", args=[product.slug]),
        "canonical_url": absolute_url(digital_link_path(product.gtin, serial)),
    }
    return render(request, "passports/passport.html", context)
