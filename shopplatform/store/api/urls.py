from django.urls import re_path

from shopplatform.api.routers import ShopRouter

from .news_views import NewsPostViewSet
from .views import StoreView

news_router = ShopRouter()
news_router.register("news", NewsPostViewSet, basename="news-post")

urlpatterns = [re_path(r"^store/?$", StoreView.as_view(), name="store"), *news_router.urls]
