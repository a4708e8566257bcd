from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BackofficeConfig(AppConfig):
    name = "shopplatform.backoffice"
    label = "backoffice"
    verbose_name = "Back-office"

    def ready(self) -> None:
        from .roles import grant_roles_after_migrate

        post_migrate.connect(grant_roles_after_migrate, sender=self, dispatch_uid="backoffice-grant-roles")
