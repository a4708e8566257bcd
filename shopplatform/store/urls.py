"""Store URLs: home, content pages (/page/<handle>, /about, /contact), news (/blog), robots.txt and sitemap.xml (SK-19)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from catalog.sitemaps import SITEMAPS

from . import views

app_name = "store"

urlpatterns = [
    path("", views.home, name="home"),
    path("page/<slug:slug>", views.content_page, name="page"),
    path("about", views.content_page, {"slug": "about"}, name="about"),
    path("contact", views.content_page, {"slug": "contact"}, name="contact"),
    path("blog", views.blog, name="blog"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
