"""Store URLs of the catalog (/product/<handle>, /category/<handle>, /brand/<handle>, /new, /sales,
/wishlist/add/<handle>, /wishlist/remove/<handle>), plus /search, reviews and claims from the product page, and
the account's downloads and reviews (pages of the digital and reviews sub-domains, under the same namespace)."""

from django.urls import path

from . import product_files, views
from .digital import views as digital_views
from .reviews import views as review_views

app_name = "catalog"

urlpatterns = [
    path("product/<slug:slug>", views.product_detail, name="product"),
    path("product/<slug:slug>/review", views.review_post, name="review"),
    path("product/<slug:slug>/file", product_files.serve_product_file, name="product-file"),
    path("product/<slug:slug>/claim", digital_views.claim, name="claim"),
    path("category/<slug:slug>", views.category_detail, name="category"),
    path("brand/<slug:slug>", views.brand_detail, name="brand"),
    path("search", views.search, name="search"),
    path("new", views.new_products, name="new"),
    path("sales", views.sales, name="sales"),
    path("wishlist/", views.wishlist, name="wishlist"),
    path("wishlist/add/<slug:slug>", views.wishlist_add, name="wishlist-add"),
    path("wishlist/remove/<slug:slug>", views.wishlist_remove, name="wishlist-remove"),
    path("account/downloads/", digital_views.downloads, name="downloads"),
    path("account/downloads/<slug:slug>/<str:version_id>", digital_views.download, name="download"),
    path("account/reviews/", review_views.account_reviews, name="account-reviews"),
    path("account/reviews/<str:review_id>/delete", review_views.review_delete, name="review-delete"),
]
