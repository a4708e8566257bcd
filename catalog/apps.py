from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Catalog"

    def ready(self) -> None:
        from .models import Category
        from .queries import CATEGORY_TREE, TOP_CATEGORIES

        CATEGORY_TREE.watch(Category)
        TOP_CATEGORIES.watch(Category)
