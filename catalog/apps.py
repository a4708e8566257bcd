from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Catalog"

    def ready(self) -> None:
        from .models import Brand, Category
        from .queries import ACTIVE_CATEGORIES, CATEGORY_TREE, TOP_CATEGORIES
        from .search import BRAND_TITLES
        from .search_titles import NAMED_TITLES

        CATEGORY_TREE.watch(Category)
        ACTIVE_CATEGORIES.watch(Category)
        TOP_CATEGORIES.watch(Category)
        BRAND_TITLES.watch(Brand)
        NAMED_TITLES.watch(Category, Brand)
