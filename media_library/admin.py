"""Back-office media list with previews; uploads and deletes go through the same services as the API."""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html

from shopplatform.admin_base import ModelAdmin
from shopplatform.errors import ShopError

from . import queries, services, uploads
from .models import Media
from .renditions import rendition_urls


class MediaUploadForm(forms.ModelForm):
    upload = forms.FileField(help_text="An image (JPEG, PNG, GIF, WebP) or a file (PDF, ZIP, GZIP).")

    class Meta:
        model = Media
        fields = []

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        try:
            uploads.check_upload_size(size_bytes=upload.size)
            self.upload_bytes = upload.read()
            uploads.check_upload(data=self.upload_bytes)
        except ShopError as error:
            raise forms.ValidationError(error.detail) from None
        return upload


@admin.register(Media)
class MediaAdmin(ModelAdmin):
    list_display = ["preview", "original_name", "kind", "mime_type", "size_bytes", "dimensions", "status", "created_at"]
    list_display_links = ["preview", "original_name"]
    list_filter = ["kind", "status", "created_at"]
    search_fields = ["original_name", "checksum", "public_id", "source_url"]
    readonly_fields = [
        "large_preview",
        "public_id",
        "status",
        "error",
        "checksum",
        "original_name",
        "kind",
        "mime_type",
        "extension",
        "size_bytes",
        "width",
        "height",
        "source_url",
        "duplicate_of",
        "original",
        "thumb",
        "square",
        "full",
        "created_at",
        "processed_at",
    ]

    def get_queryset(self, request):
        return queries.media_list()

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = MediaUploadForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return ["upload"] if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None) -> bool:
        # Media rows are facts about stored bytes; the change page is for viewing.
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        media, created = services.add_media_bytes(data=form.upload_bytes, name=form.cleaned_data["upload"].name)
        obj.pk = media.pk
        obj.__dict__.update({key: value for key, value in media.__dict__.items() if not key.startswith("_")})
        if not created:
            messages.info(request, "These bytes are already in the library; showing the existing media.")

    def delete_model(self, request, obj) -> None:
        services.delete_media(media=obj)

    def delete_queryset(self, request, queryset) -> None:
        for media in queryset:
            services.delete_media(media=media)

    @admin.display(description="Preview")
    def preview(self, media: Media):
        return format_html(
            '<img src="{}" alt="" width="60" height="60" loading="lazy">', rendition_urls(media)["thumb"]
        )

    @admin.display(description="Preview")
    def large_preview(self, media: Media):
        return format_html('<img src="{}" alt="" style="max-width:300px">', rendition_urls(media)["square"])

    @admin.display(description="Size (px)")
    def dimensions(self, media: Media) -> str:
        return f"{media.width}x{media.height}" if media.width else "—"
