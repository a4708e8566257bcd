from shopplatform.api.routers import ShopRouter

router = ShopRouter()

urlpatterns = [*router.urls]
