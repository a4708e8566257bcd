from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "shopplatform.privacy"
    label = "privacy"
    verbose_name = "Privacy"
