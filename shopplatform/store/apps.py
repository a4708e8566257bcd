from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class StoreConfig(AppConfig):
    name = "shopplatform.store"
    label = "store"
    verbose_name = "Store"

    def ready(self) -> None:
        from shopplatform.forms import forget_store_money, read_store_money_with

        from .models import Store, forget_cached_store
        from .queries import store_money_settings

        read_store_money_with(store_money_settings)
        post_save.connect(forget_store_money, sender=Store, dispatch_uid="store-forget-money")
        post_save.connect(forget_cached_store, sender=Store, dispatch_uid="store-forget-cached")
        post_delete.connect(forget_cached_store, sender=Store, dispatch_uid="store-forget-cached-delete")
