"""The product page's inlines: the gallery, the option groups with their values, and a narrow variant grid.

Nothing here writes: ProductAdmin.save_related hands each formset's rows to the catalog services.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from unfold.widgets import UnfoldAdminTextInputWidget

from shopplatform.admin_base import TabularInline
from shopplatform.forms import HTTPS_URL_FIELDS

from ..models import OptionGroup, ProductImage, Variant
from ..services.options import MAX_GROUPS, MAX_OPTIONS_PER_GROUP
from .common import preview_html
from .product_form import CODE_LABELS, CommaListField


class LabelledTabularInline(TabularInline):
    """A table whose inputs carry their column's name (a tabular row has headers, not labels, for each input)."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        for name, field in formset.form.base_fields.items():
            field.label = CODE_LABELS.get(name, field.label)
            field.widget.attrs.setdefault("aria-label", str(field.label or name))
        return formset


class ProductImageInline(LabelledTabularInline):
    """A gallery row: pick a media of the library (search by name, checksum or id) or give an external URL."""

    model = ProductImage
    formfield_overrides = HTTPS_URL_FIELDS
    extra = 0
    fields = ["position", "preview", "media", "external_url", "alt"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["media"]
    verbose_name_plural = "Gallery"

    @admin.display(description="Preview")
    def preview(self, image: ProductImage) -> str:
        return preview_html(image.renditions, size=48) if image.pk else "—"


class OptionValuesField(CommaListField):
    """An option group's values typed as "S, M, L": cleaned to the titles in order, each once."""

    def __init__(self, **kwargs):
        widget = UnfoldAdminTextInputWidget(attrs={"placeholder": "S, M, L"})
        super().__init__(label="Values", help_text="Separate values with commas.", widget=widget, **kwargs)

    def validate(self, value) -> None:
        super().validate(value)
        if len(value) > MAX_OPTIONS_PER_GROUP:
            raise ValidationError(f"At most {MAX_OPTIONS_PER_GROUP} values.")
        if len({title.casefold() for title in value}) != len(value):
            raise ValidationError("Each value once.")


class OptionGroupForm(forms.ModelForm):
    values = OptionValuesField()

    class Meta:
        model = OptionGroup
        fields = ["title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["values"] = [option.title for option in self.instance.options.all()]


class OptionGroupInline(LabelledTabularInline):
    """Up to three dimensions (Size, Colour…) with their values; saving regenerates the variant grid below.

    Values are matched by title, so renaming one here replaces it (its variants start afresh); the group's own
    page (the row's link) renames a value and keeps its variants.
    """

    model = OptionGroup
    form = OptionGroupForm
    fields = ["title", "values"]
    max_num = MAX_GROUPS
    show_change_link = True
    verbose_name = "Option group"
    verbose_name_plural = "Options (they make the variants)"

    def get_extra(self, request, obj=None, **kwargs) -> int:
        return 1 if obj is None else 0  # an empty row invites the first group on a new product

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("options")


class VariantInline(LabelledTabularInline):
    """The grid of combinations with what a merchant changes most; the rest is on each variant's own page."""

    model = Variant
    extra = 0
    can_delete = False
    money_fields = {"price_cents": "Price", "promo_price_cents": "Promotional price"}
    # The combination's title heads each row (with the link to its page), so it is not a column too.
    fields = ["price_cents", "promo_price_cents", "stock_quantity", "sku", "active"]
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # variants come from option groups
