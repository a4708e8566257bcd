"""Sections of /sitemap.xml: store pages, published content pages, categories, brands and public products."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from catalog.models import Brand, Category
from catalog.queries import Viewer, visible_products
from shopplatform.store.models import ContentPage


class StorePageSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self) -> list[str]:
        return ["store:home", "catalog:new", "catalog:sales"]

    def location(self, item: str) -> str:
        return reverse(item)


class ContentPageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return ContentPage.objects.filter(published=True)

    def lastmod(self, page):
        return page.updated_at


class CategorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Category.objects.filter(active=True).only("slug", "updated_at")

    def location(self, category) -> str:
        return reverse("catalog:category", args=[category.slug])

    def lastmod(self, category):
        return category.updated_at


class BrandSitemap(CategorySitemap):
    def items(self):
        return Brand.objects.filter(active=True).only("slug", "updated_at")

    def location(self, brand) -> str:
        return reverse("catalog:brand", args=[brand.slug])


class ProductSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8
    limit = 5000

    def items(self):
        return visible_products(Viewer()).only("slug", "updated_at").order_by("pk")

    def location(self, product) -> str:
        return reverse("catalog:product", args=[product.slug])

    def lastmod(self, product):
        return product.updated_at


SITEMAPS = {
    "pages": StorePageSitemap,
    "content": ContentPageSitemap,
    "categories": CategorySitemap,
    "brands": BrandSitemap,
    "products": ProductSitemap,
}
