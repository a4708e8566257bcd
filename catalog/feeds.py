"""Feeds for passive updates: new and changed products, and store news posts.

- /feeds/products.atom and /feeds/news.atom: Atom 1.0 through django.contrib.syndication;
- /feeds/products.json and /feeds/news.json: JSON Feed 1.1 (https://jsonfeed.org/version/1.1), served as
  `application/feed+json`: {"version", "title", "home_page_url", "feed_url", "description", "items": [{"id", "url",
  "title", "content_html", "summary", "image", "date_published", "date_modified", "tags"}]}; dates RFC 3339 UTC.

Products: publicly visible ones, most recently changed first, FEED_ITEM_LIMIT of them. News: published posts whose
time has come, newest first. Every feed is public (`Cache-Control: public, max-age=PUBLIC_CACHE_SECONDS`);
ConditionalGetMiddleware adds the ETag and answers If-None-Match with 304, and shopplatform.api.caching opens
/feeds/ to cross-origin GETs. The module also serves the news post page its feed items link to (/news/<slug>).
"""

from datetime import UTC

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from shopplatform.links import absolute_url
from shopplatform.store.models import NewsPost, Store

from .models import Product, ProductImage
from .queries import Viewer, visible_products

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
JSON_FEED_CONTENT_TYPE = "application/feed+json"
public_feed = cache_control(public=True, max_age=settings.PUBLIC_CACHE_SECONDS)


def feed_products():
    """Publicly visible products, most recently changed first, with their first image and tags."""
    return (
        visible_products(Viewer())
        .prefetch_related(Prefetch("images", queryset=ProductImage.objects.order_by("position", "pk")), "tags")
        .order_by("-updated_at", "-pk")[: settings.FEED_ITEM_LIMIT]
    )


def feed_news():
    return NewsPost.objects.published().order_by("-published_at", "-pk")[: settings.FEED_ITEM_LIMIT]


def product_path(product: Product) -> str:
    return reverse("catalog:product", args=[product.slug])


def news_path(post: NewsPost) -> str:
    return reverse("news-post", args=[post.slug])


def product_content_html(product: Product) -> str:
    """The sanitized description (catalog services clean it on save), else the plain excerpt."""
    return product.description or product.display_excerpt


class ProductAtomFeed(Feed):
    feed_type = Atom1Feed
    link = "/"

    def title(self) -> str:
        return f"{Store.load().name}: new and changed products"

    def subtitle(self) -> str:
        return "Products added or changed most recently."

    def items(self):
        return feed_products()

    def item_title(self, product: Product) -> str:
        return product.title

    def item_description(self, product: Product) -> str:
        return product_content_html(product)

    def item_link(self, product: Product) -> str:
        return product_path(product)

    def item_guid(self, product: Product) -> str:
        return f"urn:shopplatform:product:{product.public_id}"

    def item_guid_is_permalink(self, product: Product) -> bool:
        return False

    def item_pubdate(self, product: Product):
        return product.created_at

    def item_updateddate(self, product: Product):
        return product.updated_at

    def item_categories(self, product: Product) -> list[str]:
        return [tag.name for tag in product.tags.all()]


class NewsAtomFeed(Feed):
    feed_type = Atom1Feed
    link = "/"

    def title(self) -> str:
        return f"{Store.load().name}: news"

    def items(self):
        return feed_news()

    def item_title(self, post: NewsPost) -> str:
        return post.title

    def item_description(self, post: NewsPost) -> str:
        return post.body or post.excerpt

    def item_link(self, post: NewsPost) -> str:
        return news_path(post)

    def item_guid(self, post: NewsPost) -> str:
        return f"urn:shopplatform:news:{post.public_id}"

    def item_guid_is_permalink(self, post: NewsPost) -> bool:
        return False

    def item_pubdate(self, post: NewsPost):
        return post.published_at

    def item_updateddate(self, post: NewsPost):
        return post.updated_at


def rfc3339(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def json_feed(request, *, title: str, description: str, items: list[dict]) -> JsonResponse:
    body = {
        "version": JSON_FEED_VERSION,
        "title": title,
        "home_page_url": absolute_url("/"),
        "feed_url": absolute_url(request.path),
        "description": description,
        "items": items,
    }
    return JsonResponse(body, content_type=JSON_FEED_CONTENT_TYPE, json_dumps_params={"ensure_ascii": False})


@require_safe
@public_feed
def products_json_feed(request):
    items = [
        {
            "id": product.public_id,
            "url": absolute_url(product_path(product)),
            "title": product.title,
            "content_html": product_content_html(product),
            "summary": product.display_excerpt,
            **({"image": images[0].url} if (images := list(product.images.all())) else {}),
            "date_published": rfc3339(product.created_at),
            "date_modified": rfc3339(product.updated_at),
            "tags": [tag.name for tag in product.tags.all()],
        }
        for product in feed_products()
    ]
    store = Store.load()
    return json_feed(
        request,
        title=f"{store.name}: new and changed products",
        description="Products added or changed most recently.",
        items=items,
    )


@require_safe
@public_feed
def news_json_feed(request):
    items = [
        {
            "id": post.public_id,
            "url": absolute_url(news_path(post)),
            "title": post.title,
            "content_html": post.body or post.excerpt,
            "summary": post.excerpt,
            "date_published": rfc3339(post.published_at),
            "date_modified": rfc3339(post.updated_at),
        }
        for post in feed_news()
    ]
    return json_feed(request, title=f"{Store.load().name}: news", description="Store news.", items=items)


@require_safe
@public_feed
def news_post_page(request, slug: str):
    post = get_object_or_404(NewsPost.objects.published(), slug=slug)
    return render(request, "feeds/news_post.html", {"post": post})


urlpatterns = [
    path("feeds/products.atom", require_safe(public_feed(ProductAtomFeed())), name="feed-products-atom"),
    path("feeds/products.json", products_json_feed, name="feed-products-json"),
    path("feeds/news.atom", require_safe(public_feed(NewsAtomFeed())), name="feed-news-atom"),
    path("feeds/news.json", news_json_feed, name="feed-news-json"),
    path("news/<slug:slug>", news_post_page, name="news-post"),
]
