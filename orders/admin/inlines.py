"""Read-only inlines: rows shown under their parent and never edited there."""

from shopplatform.admin_base import TabularInline


class ReadOnlyInline(TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
