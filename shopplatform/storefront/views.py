"""Store pages that show several apps: home, content pages (/page/<handle>, /about, /contact), the news list at
/blog, robots.txt, and the buyer's account home and orders pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from catalog.cards import cards_of
from catalog.queries import Viewer, visible_products
from catalog.views import page_viewer
from orders.queries import orders_visible_to
from shopplatform.accounts.forms import ProfileForm
from shopplatform.accounts.services import ensure_customer, update_customer
from shopplatform.errors import ShopError
from shopplatform.links import absolute_url
from shopplatform.money import format_money
from shopplatform.process_copy import ProcessCopy
from shopplatform.store.context_processors import current_store
from shopplatform.store.models import ContentPage, NewsPost, Store
from shopplatform.store.theme import featured_blocks, header_image

HOME_SECTION_SIZE = 8
NEWS_PER_PAGE = 10
ORDERS_SHOWN = 50
# Pages with per-visitor content that search engines should not index.
PRIVATE_PATHS = ("/account/", "/cart/", "/checkout/", "/order/", "/wishlist/", "/admin/", "/api/")


def home_sections(viewer: Viewer) -> tuple[list[int], list[int]]:
    """The keys of the featured products and of the newest ones, as the home page shows them to `viewer`."""
    store = Store.cached()
    products = visible_products(viewer).values_list("pk", flat=True)
    size = min(store.products_per_page_home or HOME_SECTION_SIZE, HOME_SECTION_SIZE)
    return list(products.filter(featured=True)[:size]), list(products.order_by("-new", "-created_at", "-pk")[:size])


# What every visitor who is not a wholesale customer sees on the home page, kept per process like the store chrome
# (STORE_SETTINGS_CACHE_SECONDS; a product this process saves is shown at once). The cards themselves are checked
# against each product's current version when read, so a product hidden since is left out.
PUBLIC_HOME_SECTIONS = ProcessCopy(lambda: home_sections(Viewer()))


def home(request):
    """The banner (with the header image), the featured blocks, featured products and the newest products."""
    store = current_store(request)
    viewer = page_viewer(request)
    featured, newest = PUBLIC_HOME_SECTIONS.get() if viewer == Viewer() else home_sections(viewer)
    context = {
        "seo": store,
        "featured": cards_of(request, featured),
        "newest": cards_of(request, newest),
        "header_image": header_image(store),
        "featured_blocks": featured_blocks(store),
    }
    return render(request, "store/home.html", context)


def content_page(request, slug: str):
    """A published content page (terms, privacy, about, contact...) edited in the admin."""
    page = ContentPage.objects.filter(slug=slug, published=True).first()
    if page is None:
        raise Http404("No such page.")
    return render(request, "store/page.html", {"page": page, "seo": page})


def blog(request):
    """Published news posts, newest first; each opens at /news/<slug>."""
    page = Paginator(NewsPost.objects.published(), NEWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "store/blog.html", {"page": page})


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in PRIVATE_PATHS)]
    lines.append(f"Sitemap: {absolute_url(reverse('store:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    """The buyer's details and newsletter choice, with their latest orders."""
    customer = ensure_customer(user=request.user)
    fields = ("name", "phone", "company", "fiscal_id", "newsletter")
    form = ProfileForm(request.POST or None, initial={name: getattr(customer, name) for name in fields})
    if request.method == "POST" and form.is_valid():
        try:
            update_customer(customer=customer, **form.cleaned_data)
        except ShopError as exc:
            form.add_error(None, exc.detail)
        else:
            messages.success(request, "Your details were saved.")
            return redirect("account")
    recent = orders_visible_to(customer=customer)[:3]
    context = {"customer": customer, "form": form, "recent_orders": _order_rows(request, recent)}
    return render(request, "account/home.html", context, status=400 if form.errors else 200)


@login_required
def orders(request):
    """The buyer's orders, newest first, each linking to its page."""
    customer = ensure_customer(user=request.user)
    rows = _order_rows(request, orders_visible_to(customer=customer)[:ORDERS_SHOWN])
    return render(request, "account/orders.html", {"orders": rows})


def _order_rows(request, orders) -> list[dict]:
    locale = current_store(request).locale
    return [{"order": order, "total": format_money(order.total_cents, order.currency, locale)} for order in orders]
