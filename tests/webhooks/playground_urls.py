"""The project's URLs plus the verify playground, mounted where the lead wires it (api/docs/webhooks/)."""

from django.urls import include, path

from shopplatform.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("api/docs/webhooks/", include("webhooks.urls")), *project_urlpatterns]
