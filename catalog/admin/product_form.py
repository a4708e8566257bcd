"""The product form's own inputs: tags and sales channels as text instead of raw JSON, the description in a
rich-text editor, and several images dropped at once (stored in the media library when the product is saved).

Each input cleans to the value the product services take (`tags`: a list of names, `channels`: a list of
{"name", "url"}), so the admin passes them on unchanged; the services still sanitise and validate.
"""

from django import forms
from django.core.exceptions import ValidationError
from unfold.contrib.forms.widgets import WysiwygWidget
from unfold.widgets import UnfoldAdminTextareaWidget, UnfoldAdminTextInputWidget

from media_library import uploads
from media_library.models import Media
from shopplatform.errors import ShopError

from ..models import Product
from ..representations.products import ChannelSerializer

# Codes read as their acronyms, not as Django's capitalised field names ("Gtin", "Sku").
CODE_LABELS = {"sku": "SKU", "gtin": "GTIN", "ean": "EAN", "upc": "UPC"}
MAX_TAGS = 50
MAX_CHANNELS = 20
MAX_UPLOADS = 10  # the gallery's own limit (catalog.services.products.MAX_IMAGES) refuses more in total


class RichTextWidget(WysiwygWidget):
    """Unfold's Trix editor, run by the Trix release vendored in catalog/static (see its VERSION file)."""

    class Media:
        css = {"all": ("catalog/vendor/trix/trix.css",)}
        js = ("catalog/vendor/trix/trix.umd.min.js", "unfold/forms/js/trix.config.js", "catalog/admin/rich-text.js")


class CommaListField(forms.CharField):
    """A list typed on one line, "linen, summer, gift": cleaned to the non-empty items in order."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value) -> list[str]:
        items = [item.strip() for item in (super().to_python(value) or "").split(",")]
        return [item for item in items if item]

    def has_changed(self, initial, data) -> bool:
        return (initial or []) != self.to_python(data)


class TagsField(CommaListField):
    """Tags typed as "linen, summer, gift": cleaned to the distinct names in order."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", UnfoldAdminTextInputWidget(attrs={"placeholder": "linen, summer, gift"}))
        super().__init__(required=False, help_text="Separate tags with commas.", **kwargs)

    def to_python(self, value) -> list[str]:
        return list(dict.fromkeys(super().to_python(value)))

    def validate(self, value) -> None:
        if len(value) > MAX_TAGS:
            raise ValidationError(f"At most {MAX_TAGS} tags.")
        too_long = [name for name in value if len(name) > 100]
        if too_long:
            raise ValidationError(f"A tag has at most 100 characters: “{too_long[0][:40]}…”.")


class ChannelsField(forms.CharField):
    """Sales channels, one per line as "Etsy https://www.etsy.com/listing/1": cleaned to [{"name", "url"}]."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            UnfoldAdminTextareaWidget(attrs={"rows": 3, "placeholder": "Etsy https://www.etsy.com/listing/123"}),
        )
        super().__init__(
            required=False,
            help_text="One channel per line: its name, a space, then the product's page there.",
            **kwargs,
        )

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(f"{channel['name']} {channel['url']}" for channel in value)
        return value

    def to_python(self, value) -> list[dict]:
        channels = []
        for number, line in enumerate((super().to_python(value) or "").splitlines(), start=1):
            if not line.strip():
                continue
            name, _, url = line.strip().rpartition(" ")
            if not name.strip():
                raise ValidationError(f"Line {number}: give the channel's name, then its URL.")
            channels.append({"name": name.strip(), "url": url})
        return channels

    def validate(self, value) -> None:
        if len(value) > MAX_CHANNELS:
            raise ValidationError(f"At most {MAX_CHANNELS} channels.")
        checked = ChannelSerializer(data=value, many=True)
        if not checked.is_valid():
            # DRF reports a list's errors by index: {0: {"url": ["Enter a valid URL."]}}.
            errors = checked.errors if isinstance(checked.errors, dict) else dict(enumerate(checked.errors))
            index, problems = next((index, problems) for index, problems in sorted(errors.items()) if problems)
            field, messages = next(iter(problems.items()))
            raise ValidationError(f"Line {index + 1}, {field}: {messages[0]}")

    def has_changed(self, initial, data) -> bool:
        return (initial or []) != self.to_python(data)


class CustomFieldsField(forms.CharField):
    """Custom fields, one per line as "Material: Stoneware": cleaned to [{"name", "value"}] in the merchant's order."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", UnfoldAdminTextareaWidget(attrs={"rows": 3, "placeholder": "Material: Stoneware"}))
        super().__init__(required=False, help_text="One per line: the name, a colon, then the value.", **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(f"{field['name']}: {field['value']}" for field in value)
        return value

    def to_python(self, value) -> list[dict]:
        fields = []
        for number, line in enumerate((super().to_python(value) or "").splitlines(), start=1):
            if not line.strip():
                continue
            name, colon, text = line.partition(":")
            if not colon or not name.strip():
                raise ValidationError(f"Line {number}: write the name, a colon, then the value.")
            fields.append({"name": name.strip(), "value": text.strip()})
        return fields

    def has_changed(self, initial, data) -> bool:
        return (initial or []) != self.to_python(data)


class TabsField(forms.CharField):
    """Tabs as text: a line "## Title" opens a tab, the lines below it are its content (HTML, sanitised on save)."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", UnfoldAdminTextareaWidget(attrs={"rows": 6, "placeholder": "## Care\n<p>Wash at 30 °C.</p>"})
        )
        super().__init__(
            required=False,
            help_text='Start each tab with a line "## Title"; its content follows (headings, lists, links).',
            **kwargs,
        )

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(f"## {tab['title']}\n{tab['content']}" for tab in value)
        return value

    def to_python(self, value) -> list[dict]:
        tabs: list[dict] = []
        for number, line in enumerate((super().to_python(value) or "").splitlines(), start=1):
            if line.startswith("## "):
                tabs.append({"title": line[3:].strip(), "content": ""})
            elif tabs:
                tabs[-1]["content"] = f"{tabs[-1]['content']}\n{line}" if tabs[-1]["content"] else line
            elif line.strip():
                raise ValidationError(f'Line {number}: start the first tab with a line "## Title".')
        return [{"title": tab["title"], "content": tab["content"].strip()} for tab in tabs]

    def has_changed(self, initial, data) -> bool:
        return (initial or []) != self.to_python(data)


class MultipleImageInput(forms.ClearableFileInput):
    """A file input taking several images at once; catalog/admin/image-drop.js turns it into a drop zone."""

    allow_multiple_selected = True
    template_name = "django/forms/widgets/file.html"

    class Media:
        js = ("catalog/admin/image-drop.js",)
        css = {"all": ("catalog/admin/image-drop.css",)}

    def __init__(self):
        super().__init__(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp", "data-image-drop": ""})


class ImageUploadsField(forms.FileField):
    """Images to add to the gallery, in the order chosen: cleaned to [(name, bytes)], each checked as the media
    library's intake checks it (size, a known image type)."""

    widget = MultipleImageInput

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            label="Add images",
            help_text="Drop several images here (JPEG, PNG, GIF, WebP); they join the media library and the gallery "
            "when you save, in this order.",
            **kwargs,
        )

    def clean(self, data, initial=None) -> list[tuple[str, bytes]]:
        files = [file for file in (data or []) if file]
        if len(files) > MAX_UPLOADS:
            raise ValidationError(f"At most {MAX_UPLOADS} images at once.")
        images = []
        for file in files:
            try:
                uploads.check_upload_size(size_bytes=file.size)
                content = file.read()
                sniffed = uploads.check_upload(data=content)
            except ShopError as refusal:
                raise ValidationError(f"{file.name}: {refusal.detail}") from None
            if sniffed.kind != Media.Kind.IMAGE:
                raise ValidationError(f"{file.name} is not an image (JPEG, PNG, GIF or WebP).")
            images.append((file.name, content))
        return images

    def has_changed(self, initial, data) -> bool:
        return bool(data)


class ProductAdminForm(forms.ModelForm):
    """The product page's form; `tags` and `upload_images` are not model fields and are saved by ProductAdmin."""

    class Media:
        js = ("catalog/admin/select2-labels.js",)

    tags = TagsField()
    channels = ChannelsField(label="Sales channels")
    custom_fields = CustomFieldsField()
    tabs = TabsField()
    upload_images = ImageUploadsField()

    class Meta:
        model = Product
        fields = []  # ProductAdmin's fieldsets name them (its form factory builds them with the admin's widgets)
        widgets = {"description": RichTextWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["tags"] = [tag.name for tag in self.instance.tags.all()]
        for name, label in CODE_LABELS.items():
            if name in self.fields:
                self.fields[name].label = label
        if "description" in self.fields:
            self.fields["description"].widget.attrs["aria-label"] = "Description"  # names the editor for screen readers
            self.fields["description"].help_text = "Headings, bold, lists and links; scripts and styles are removed."
        if "slug" in self.fields:
            # Left empty, the service makes the slug from the title (and the admin's script fills it as you type).
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "Filled from the title; stable once the product is saved."
