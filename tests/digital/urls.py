"""The project's URLs plus the signed-download route, for as long as shopplatform/urls.py lacks it."""

from django.urls import path

from catalog.downloads import serve_download
from shopplatform.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("downloads/<str:token>", serve_download, name="catalog-download-file"), *project_urlpatterns]
