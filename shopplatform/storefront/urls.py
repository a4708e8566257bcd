"""Storefront URLs, included at the site root: the buyer's account home and orders (`account`, `account-orders`,
named like the other account pages) and the store pages in the `store` namespace: home, content pages
(/page/<handle>, /about, /contact), news (/blog), "find my order" (/track, /order/), robots.txt, sitemap.xml, the web app manifest and the root apple-touch-icon paths."""

from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from . import app_icons, find_order, views
from .sitemaps import SITEMAPS

store_patterns = [
    path("", views.home, name="home"),
    path("page/<slug:slug>", views.content_page, name="page"),
    path("about", views.content_page, {"slug": "about"}, name="about"),
    path("contact", views.content_page, {"slug": "contact"}, name="contact"),
    path("blog", views.blog, name="blog"),
    path("track", find_order.find_order, name="find-order"),
    path("order/", find_order.find_order),
    path("robots.txt", views.robots_txt, name="robots"),
    path("manifest.webmanifest", app_icons.web_app_manifest, name="web-app-manifest"),
    path("apple-touch-icon.png", app_icons.apple_touch_icon),
    path("apple-touch-icon-precomposed.png", app_icons.apple_touch_icon),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/orders/", views.orders, name="account-orders"),
    path("", include((store_patterns, "store"))),
]
