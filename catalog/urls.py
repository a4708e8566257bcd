"""Store URLs of the catalog (SK-19 patterns: /product/<handle>, /category/<handle>, /brand/<handle>, /new, /sales,
/wishlist/add/<handle>, /wishlist/remove/<handle>), plus /search."""

from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("product/<slug:slug>", views.product_detail, name="product"),
    path("category/<slug:slug>", views.category_detail, name="category"),
    path("brand/<slug:slug>", views.brand_detail, name="brand"),
    path("search", views.search, name="search"),
    path("new", views.new_products, name="new"),
    path("sales", views.sales, name="sales"),
    path("wishlist/", views.wishlist, name="wishlist"),
    path("wishlist/add/<slug:slug>", views.wishlist_add, name="wishlist-add"),
    path("wishlist/remove/<slug:slug>", views.wishlist_remove, name="wishlist-remove"),
]
