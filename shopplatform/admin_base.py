"""The base classes every admin screen derives from: django-unfold's, plus the project's list defaults.

Apps import `ModelAdmin`, `TabularInline` and `StackedInline` from here, never from `django.contrib.admin` or
`unfold.admin` directly, so a default (pagination, counts, money fields) is set once for every screen.
"""

from unfold import admin as unfold_admin


class ModelAdmin(unfold_admin.ModelAdmin):
    """Every changelist and change form of the back-office."""


class TabularInline(unfold_admin.TabularInline):
    """Rows edited in a table under their parent."""


class StackedInline(unfold_admin.StackedInline):
    """Rows edited as stacked sub-forms under their parent."""
