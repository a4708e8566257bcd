from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "shopplatform.api"
    label = "api"
    verbose_name = "API machinery"

    def ready(self) -> None:
        from corsheaders.signals import check_request_enabled

        from . import schema  # noqa: F401  (registers the OpenAPI auth extension)
        from .caching import allow_public_cors

        check_request_enabled.connect(allow_public_cors, dispatch_uid="shopplatform.api.allow_public_cors")
