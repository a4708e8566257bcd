from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "shopplatform.backoffice"
    label = "backoffice"
    verbose_name = "Back-office"
