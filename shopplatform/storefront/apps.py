from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    """Store pages that span apps (home, content and news pages, sitemap, the buyer's orders) and the demo store.

    No models: it sits on top of every app and only composes them.
    """

    name = "shopplatform.storefront"
    label = "storefront"
    verbose_name = "Storefront"

    def ready(self) -> None:
        from catalog.models import Product
        from shopplatform.store.models import Store

        from .views import PUBLIC_HOME_SECTIONS

        PUBLIC_HOME_SECTIONS.watch(Product, Store)
