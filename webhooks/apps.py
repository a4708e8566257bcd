from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        from shopplatform.events import register_recorder
        from shopplatform.metrics import register_collector

        from .delivery import ANY_ACTIVE_ENDPOINT
        from .events import record_event
        from .metrics import OutboxCollector
        from .models import WebhookEndpoint

        ANY_ACTIVE_ENDPOINT.watch(WebhookEndpoint)
        register_recorder(record_event)
        register_collector(OutboxCollector())
