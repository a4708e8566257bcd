"""Back-office for digital products: versions inline on the product (upload, yank), a version list with yank
actions, and ownership grants. Writes go through catalog.digital.services so the rules stay the same as in the
API. catalog.admin attaches the two inlines to the product page (importing this module registers the rest).
"""

from django import forms
from django.contrib import admin, messages

from media_library.services import clean_file_name
from shopplatform.admin_base import ModelAdmin, StackedInline, TabularInline
from shopplatform.errors import ShopError
from shopplatform.forms import ServiceAdminMixin

from . import services as digital_services
from .models import DigitalListing, Ownership, Version, semver_key


class VersionInlineForm(forms.ModelForm):
    """A new version needs a file; an existing one keeps its tag and file (upload a new version instead)."""

    upload = forms.FileField(required=False, help_text="The version's file (stored privately).")

    class Meta:
        model = Version
        fields = ["version_tag", "channel", "release_notes_html", "yanked"]

    def clean_version_tag(self) -> str:
        tag = self.cleaned_data["version_tag"].strip()
        try:
            semver_key(tag)
        except ShopError as error:
            raise forms.ValidationError(error.detail) from None
        if self.instance.pk and tag != self.instance.version_tag:
            raise forms.ValidationError("A version's tag cannot change; upload a new version.")
        return tag

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and not cleaned.get("upload"):
            self.add_error("upload", "Choose the file of the new version.")
        return cleaned

    def save(self, commit: bool = True) -> Version:
        data = self.cleaned_data
        if self.instance.pk is None:
            upload = data["upload"]
            self.instance = digital_services.create_version(
                product=self.instance.product,
                version_tag=data["version_tag"],
                channel=data["channel"],
                release_notes_html=data["release_notes_html"],
                file=upload,
                filename=clean_file_name(upload.name or ""),
            )
        else:
            self.instance = digital_services.update_version(
                version=self.instance,
                yanked=data["yanked"],
                channel=data["channel"],
                release_notes_html=data["release_notes_html"],
            )
        return self.instance


class VersionInline(TabularInline):
    model = Version
    form = VersionInlineForm
    extra = 0
    can_delete = False  # versions are yanked, never deleted
    fields = ["version_tag", "channel", "release_notes_html", "upload", "size_bytes", "download_count", "yanked"]
    readonly_fields = ["size_bytes", "download_count"]
    show_change_link = True


class DigitalListingInline(StackedInline):
    model = DigitalListing
    can_delete = False
    fields = ["game", "download_count", "latest_version"]
    readonly_fields = ["download_count", "latest_version"]
    verbose_name = verbose_name_plural = "Marketplace listing"


@admin.register(Version)
class VersionAdmin(ServiceAdminMixin, ModelAdmin):
    list_display = ["version_tag", "product", "channel", "size_bytes", "download_count", "yanked", "created_at"]
    list_filter = ["channel", "yanked"]
    search_fields = ["version_tag", "public_id", "product__title", "product__slug"]
    list_select_related = ["product"]
    readonly_fields = [
        "public_id",
        "product",
        "version_tag",
        "file_name",
        "original_filename",
        "size_bytes",
        "download_count",
        "yanked",
        "yanked_at",
        "created_at",
    ]
    fields = [
        "public_id",
        "product",
        "version_tag",
        "channel",
        "release_notes_html",
        "file_name",
        "original_filename",
        "size_bytes",
        "download_count",
        "yanked",
        "yanked_at",
        "created_at",
    ]
    actions = ["yank", "restore"]

    def has_add_permission(self, request) -> bool:
        return False  # versions are uploaded on their product's page

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        digital_services.update_version(version=obj, channel=obj.channel, release_notes_html=obj.release_notes_html)

    def _set_yanked(self, request, queryset, yanked: bool) -> None:
        for version in queryset.select_related("product"):
            digital_services.update_version(version=version, yanked=yanked)
        messages.success(request, f"{queryset.count()} version(s) {'yanked' if yanked else 'restored'}.")

    @admin.action(description="Yank (hide from everyone, keep the file)")
    def yank(self, request, queryset) -> None:
        self._set_yanked(request, queryset, True)

    @admin.action(description="Restore yanked versions")
    def restore(self, request, queryset) -> None:
        self._set_yanked(request, queryset, False)


@admin.register(Ownership)
class OwnershipAdmin(ModelAdmin):
    """Products owned without an order: free claims, and grants a merchant adds here."""

    list_display = ["customer", "product", "source", "created_at"]
    list_filter = ["source"]
    search_fields = ["customer__email", "customer__name", "product__title", "product__public_id"]
    list_select_related = ["customer", "product"]
    autocomplete_fields = ["customer", "product"]
    readonly_fields = ["created_at"]
