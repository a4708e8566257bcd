from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "shopplatform.accounts"
    label = "accounts"
    verbose_name = "Accounts"
