from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "shopplatform.store"
    label = "store"
    verbose_name = "Store"
