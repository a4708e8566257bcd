from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        from shopplatform.events import register_recorder

        from .events import record_event

        register_recorder(record_event)
