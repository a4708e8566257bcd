"""The back-office's admin screens; each part registers its own when imported here (Django imports this module)."""

from django.contrib import admin

from .jobs import admin as jobs_admin  # noqa: F401 (registers the job pages)
from .jobs.actions import extend_admins

# Runs after the domain apps' admin modules (this app comes last in INSTALLED_APPS).
extend_admins(admin.site)
