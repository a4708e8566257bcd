"""Form defaults shared by the apps' admin screens."""

from django.db import models

# A URL typed without a scheme reads as https:// (Django 6.0's default); Django 5.2 still assumes http:// and
# warns on every form built from a model URLField unless told, so each admin with URL fields sets
# `formfield_overrides = HTTPS_URL_FIELDS`.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}
