"""Store pages of the catalog: listings (category, brand, search, new, sales), the product page with its review
form, and the wishlist. Claims and downloads are in catalog.digital.views, the account's reviews in
catalog.reviews.views.

Views read through catalog.queries and catalog.filters, the same code the API lists use, and show prices through
the pricing rule checkout uses (`catalog.pricing.unit_price_cents`), so a page never quotes a price checkout would
not charge. Reviews go through catalog.reviews.services exactly as the API's do. The wishlist is a list of product
public ids in the session: no model, nothing to clean up for guests. `page_viewer` is re-exported for the store's
own pages.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import linebreaks
from django.views.decorators.http import require_POST

from shopplatform.errors import ShopError
from shopplatform.money import InvalidAmount, parse_amount
from shopplatform.query_cache import shared_for_query
from shopplatform.store.context_processors import current_store

from . import option_picker
from .availability import availability
from .cards import card_products, grid_cards, price_tag, product_cards
from .digital.ownership import owns_product
from .digital.queries import versions_of
from .filters import filter_products
from .models import Brand, Category
from .pages import public_product
from .queries import (
    TOP_CATEGORIES,
    ancestors,
    category_tree,
    children,
    option_groups_of,
    page_viewer,
    variants_with_options,
    visible_products,
)
from .reviews import services as review_services
from .reviews.forms import ReviewForm, review_form_for
from .reviews.queries import reviews_of
from .search import plan_search

DEFAULT_PER_PAGE = 24
SUGGESTED_PRODUCTS = 4
LISTING_CACHE_SECONDS = 60
WISHLIST_SESSION_KEY = "wishlist"
WISHLIST_LIMIT = 100
REVIEWS_SHOWN = 10
SORTS = {
    "position": ("Featured", "position"),
    "newest": ("Newest", "-created_at"),
    "price": ("Price: low to high", "price"),
    "-price": ("Price: high to low", "-price"),
    "title": ("Name", "title"),
}


def top_categories() -> list[Category]:
    return TOP_CATEGORIES.get()


def wishlist_ids(request) -> list[str]:
    return list(request.session.get(WISHLIST_SESSION_KEY, []))


class ListingForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Search")
    brand = forms.SlugField(required=False)
    price_min = forms.DecimalField(required=False, min_value=0, max_digits=12, label="Min price")
    price_max = forms.DecimalField(required=False, min_value=0, max_digits=12, label="Max price")
    sort = forms.ChoiceField(required=False, choices=[(key, label) for key, (label, _) in SORTS.items()])

    def filter_data(self, currency: str) -> dict:
        """The ProductFilter parameters of this form: prices in cents, sort as an ordering."""
        data = {"q": self.cleaned_data.get("q", ""), "brand": self.cleaned_data.get("brand", "")}
        for name in ("price_min", "price_max"):
            value = self.cleaned_data.get(name)
            if value is not None:
                try:
                    data[name] = parse_amount(value, currency, param=name)
                except InvalidAmount as exc:
                    self.add_error(name, exc.detail)
        sort = self.cleaned_data.get("sort")
        if sort or not self.cleaned_data.get("q"):  # a search without a chosen sort keeps relevance order
            data["ordering"] = SORTS[sort or "position"][1]
        return {key: value for key, value in data.items() if value not in ("", None)}


class SharedCountPaginator(Paginator):
    """Pages whose total is shared: the COUNT(*) runs once a minute per listing, not once per page."""

    @cached_property
    def count(self) -> int:
        # Keyed without the ordering: every sort of the same listing shares one count.
        return shared_for_query(
            self.object_list.order_by(),
            self.object_list.count,
            kind="listing-count",
            seconds=LISTING_CACHE_SECONDS,
            empty=0,
        )


def _listing(request, *, title: str, products, template_context: dict | None = None, base_filters=None):
    """Render a filtered, sorted, paged product grid; `base_filters` are fixed filters (category, brand)."""
    store = current_store(request)
    form = ListingForm(request.GET)
    form.is_valid()  # invalid fields are reported and ignored; the rest still filter
    base_filters = base_filters or {}
    data = {**form.filter_data(store.currency), **base_filters}
    filtered = filter_products(products, data)
    per_page = store.products_per_page_catalog or DEFAULT_PER_PAGE
    page = SharedCountPaginator(filtered, per_page).get_page(request.GET.get("page"))
    scope = {**base_filters, **({"q": data["q"]} if data.get("q") else {})}

    def brand_choices() -> list[Brand]:
        matching = filter_products(products, scope)
        return list(Brand.objects.filter(active=True, pk__in=matching.values("brand_id")))

    brands = shared_for_query(
        products,
        brand_choices,
        kind="listing-brands",
        seconds=LISTING_CACHE_SECONDS,
        empty=[],
        extra=(sorted(scope.items()),),
    )
    query = request.GET.copy()
    query.pop("page", None)
    filtered_by = [name for name in ("brand", "price_min", "price_max") if request.GET.get(name, "").strip()]
    context = {
        "filtered_by": filtered_by,  # the empty state offers to drop these, and only when some are set
        "title": title,
        "form": form,
        "page": page,
        "cards": grid_cards(request, page.object_list),
        "brands": brands,
        "sorts": [(key, label) for key, (label, _) in SORTS.items()],
        "querystring": query.urlencode(),
        **(template_context or {}),
    }
    return render(request, "catalog/listing.html", context)


def category_detail(request, slug: str):
    category = get_object_or_404(Category, slug=slug, active=True)
    tree = category_tree()
    products = card_products(page_viewer(request))
    return _listing(
        request,
        title=category.title,
        products=products,
        base_filters={"category": category.slug},
        template_context={
            "seo": category,
            "heading_object": category,
            "breadcrumbs": ancestors(category, tree),
            "subcategories": children(category, tree),
        },
    )


def brand_detail(request, slug: str):
    brand = get_object_or_404(Brand, slug=slug, active=True)
    return _listing(
        request,
        title=brand.title,
        products=card_products(page_viewer(request)),
        base_filters={"brand": brand.slug},
        template_context={"seo": brand, "heading_object": brand},
    )


def search(request):
    """Search results; the plan says how typed words were read ("vase" for "vaze"), suggestions fill an empty page."""
    text = request.GET.get("q", "").strip()[:200]
    products = card_products(page_viewer(request))
    plan = plan_search(text)

    def suggestions() -> list[dict]:
        popular = products.order_by("-featured", "position", "-created_at")[:SUGGESTED_PRODUCTS]
        return grid_cards(request, popular)

    return _listing(
        request,
        title=f"Results for “{text}”" if text else "Search",
        products=products,
        template_context={
            "is_search": True,
            "search_text": text,
            "understood_as": plan.corrections,
            "suggestions": suggestions,  # called by the template only when nothing matched
            "suggested_categories": top_categories,
        },
    )


def new_products(request):
    return _listing(request, title="New in", products=card_products(page_viewer(request)).filter(new=True))


def sales(request):
    products = card_products(page_viewer(request)).filter(
        Q(promo_price_cents__isnull=False) | Q(variants__promo_price_cents__isnull=False)
    )
    return _listing(request, title="Sales", products=products.distinct())


def product_detail(request, slug: str):
    return _product_page(request, slug)


def _product_page(request, slug: str, *, review_form: ReviewForm | None = None):
    viewer = page_viewer(request)
    product = get_object_or_404(
        visible_products(viewer).select_related("brand").prefetch_related("images", "categories"), slug=slug
    )
    store = current_store(request)
    variants = list(variants_with_options().filter(product=product, active=True))
    groups = list(option_groups_of(product)) if variants else []
    shown = {variant.pk: availability(product, variant, variants) for variant in variants}
    orderable = {pk: item.can_buy for pk, item in shown.items()}
    chosen = option_picker.chosen_variant(groups, variants, request.GET, orderable=orderable)
    money = {"viewer": viewer, "currency": store.currency, "locale": store.locale}
    prices = {variant.pk: price_tag(product, variant, **money) for variant in variants}
    choices = [{"variant": item, "price": prices[item.pk], "availability": shown[item.pk]} for item in variants]
    facts = {
        variant.pk: {
            "price": prices[variant.pk].price,
            "was": prices[variant.pk].was,
            "on_request": prices[variant.pk].on_request,
            "stock": shown[variant.pk].label,
            "level": shown[variant.pk].level,
            "image": option_picker.variant_image(variant),
        }
        for variant in variants
    }
    images = list(product.images.all())
    owns = owns_product(user=request.user, product=product)
    context = {
        "product": product,
        "seo": product,
        "images": images,
        "variants": choices,
        "chosen": chosen,
        "price": price_tag(product, chosen, **money),
        "availability": availability(product, chosen, variants),
        "pickers": option_picker.group_pickers(groups, variants, chosen, orderable=orderable),
        "picker_data": option_picker.picker_data(groups, variants, facts, shown),
        "gallery_lead": option_picker.gallery_lead(product, images, chosen),
        "in_wishlist": product.public_id in wishlist_ids(request),
        "reviews": list(reviews_of(product, sort="newest", with_hidden=False)[:REVIEWS_SHOWN]),
        "max_quantity": 1 if product.stock_sold_single else 99,
        "related": grid_cards(
            request,
            card_products(viewer).filter(categories__in=product.categories.all()).exclude(pk=product.pk).distinct()[:4],
        ),
        "is_digital": versions_of(product, with_beta=False).exists(),
        "owns": owns,
        "review_form": review_form or (review_form_for(request.user, product) if owns else None),
    }
    return render(request, "catalog/product.html", context, status=400 if review_form is not None else 200)


@login_required
@require_POST
def review_post(request, slug: str):
    """Post or replace the buyer's review through the reviews service; errors re-render the page with the input."""
    product = public_product(request, slug)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            _, created = review_services.post_review(
                user=request.user,
                product=product,
                rating=form.cleaned_data["rating"],
                body=linebreaks(form.cleaned_data["body"], autoescape=True),
            )
        except ShopError as exc:
            form.add_error(exc.param if exc.param in form.fields else None, exc.detail)
        else:
            messages.success(request, "Thanks for your review!" if created else "Your review was updated.")
            return redirect(f"{reverse('catalog:product', args=[product.slug])}#reviews-title")
    return _product_page(request, slug, review_form=form)


def wishlist(request):
    ids = wishlist_ids(request)
    products = card_products(page_viewer(request)).filter(public_id__in=ids)
    return render(request, "catalog/wishlist.html", {"cards": product_cards(request, products)})


@require_POST
def wishlist_add(request, slug: str):
    product = public_product(request, slug)
    ids = wishlist_ids(request)
    if product.public_id not in ids:
        request.session[WISHLIST_SESSION_KEY] = [*ids, product.public_id][-WISHLIST_LIMIT:]
    messages.success(request, f"{product.title} is in your wishlist.")
    return redirect("catalog:product", slug=product.slug)


@require_POST
def wishlist_remove(request, slug: str):
    product = public_product(request, slug)
    request.session[WISHLIST_SESSION_KEY] = [item for item in wishlist_ids(request) if item != product.public_id]
    messages.info(request, f"{product.title} was removed from your wishlist.")
    if request.POST.get("next") == "wishlist":
        return redirect("catalog:wishlist")
    return redirect("catalog:product", slug=product.slug)
