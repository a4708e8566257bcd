from django.apps import AppConfig
from django.db.models.signals import post_save


class StoreConfig(AppConfig):
    name = "shopplatform.store"
    label = "store"
    verbose_name = "Store"

    def ready(self) -> None:
        from shopplatform.forms import forget_store_money, read_store_money_with

        from .context_processors import MENUS
        from .models import CACHED_STORE, MenuItem, Store
        from .queries import store_money_settings

        read_store_money_with(store_money_settings)
        post_save.connect(forget_store_money, sender=Store, dispatch_uid="store-forget-money")
        CACHED_STORE.watch(Store)
        MENUS.watch(MenuItem)
