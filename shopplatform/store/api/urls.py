from django.urls import re_path

from .views import StoreView

urlpatterns = [re_path(r"^store/?$", StoreView.as_view(), name="store")]
