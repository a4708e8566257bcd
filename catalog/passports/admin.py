"""Back-office for Digital Product Passports, and the product page's passport list and Digital Link QR code
(catalog.admin attaches `PassportInline` and `digital_link_qr` to the product page)."""

import qrcode
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from qrcode.image.svg import SvgPathImage

from shopplatform.admin_base import ModelAdmin, TabularInline
from shopplatform.countries import InvalidCountryCode, normalize_country_code
from shopplatform.errors import InvalidInput
from shopplatform.forms import ServiceAdminMixin
from shopplatform.links import absolute_url

from ..models import Product
from .models import PassportMaterial, ProductPassport
from .services import TEXT_FIELDS, check_material_shares, delete_passport, digital_link_path, save_passport


class MaterialFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        shares = [
            form.cleaned_data["share_percent"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("share_percent")
        ]
        try:
            check_material_shares(shares)
        except InvalidInput as exc:
            raise ValidationError(exc.detail) from None


class MaterialInline(TabularInline):
    model = PassportMaterial
    formset = MaterialFormSet
    extra = 1
    fields = ["position", "name", "share_percent", "recycled_percent"]


class PassportForm(forms.ModelForm):
    class Meta:
        model = ProductPassport
        fields = [
            "product",
            "serial_number",
            "origin_country",
            "manufacturer_name",
            "manufacturer_address",
            "certifications",
            "care_instructions",
            "repair_instructions",
            "recycling_instructions",
            "carbon_footprint_kg",
        ]

    def clean_certifications(self) -> list:
        value = self.cleaned_data["certifications"] or []
        if not isinstance(value, list) or not all(isinstance(item, dict) and item.get("name") for item in value):
            raise ValidationError('A JSON list like [{"name": "GOTS", "issuer": "", "url": ""}].')
        return value

    def clean_origin_country(self) -> str:
        value = self.cleaned_data["origin_country"]
        try:
            return normalize_country_code(value) if value else ""
        except InvalidCountryCode as exc:
            raise ValidationError(exc.detail) from None


@admin.register(ProductPassport)
class ProductPassportAdmin(ServiceAdminMixin, ModelAdmin):
    """Saves go through save_passport with the material list, as `PUT /products/{id}/passport` does."""

    form = PassportForm
    list_display = ["product", "serial_number", "origin_country", "manufacturer_name", "updated_at"]
    list_filter = ["origin_country"]
    search_fields = ["product__title", "product__gtin", "serial_number", "manufacturer_name", "public_id"]
    autocomplete_fields = ["product"]
    inlines = [MaterialInline]

    def get_readonly_fields(self, request, obj=None):
        # A passport is found by product and serial number: changing either would write another passport.
        identity = ["product", "serial_number"] if obj else []
        return [*identity, "public_id", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change) -> None:
        pass  # written with its materials in save_related, where the material rows are known

    def save_related(self, request, form, formsets, change) -> None:
        materials_formset = next(formset for formset in formsets if formset.model is PassportMaterial)
        materials_formset.save(commit=False)  # records the changes for the history message; writes nothing
        obj, data = form.instance, form.cleaned_data
        names = form.changed_data if change else list(form.fields)
        fields = {name: data[name] for name in names if name in (*TEXT_FIELDS, "origin_country", "carbon_footprint_kg")}
        fields.update({name: data[name] for name in names if name == "certifications"})
        manufacturer = {
            key: data[f"manufacturer_{key}"] for key in ("name", "address") if f"manufacturer_{key}" in names
        }
        if manufacturer:
            fields["manufacturer"] = manufacturer
        if materials_formset.has_changed() or not change:
            kept = sorted(
                (row for row in materials_formset.forms if row.cleaned_data and not row.cleaned_data.get("DELETE")),
                key=lambda row: row.cleaned_data.get("position") or 0,
            )
            fields["materials"] = [
                {name: row.cleaned_data.get(name) for name in ("name", "share_percent", "recycled_percent")}
                for row in kept
            ]
        passport = save_passport(
            product=obj.product if change else data["product"],
            serial_number=obj.serial_number if change else data.get("serial_number", ""),
            **fields,
        )
        obj.pk, obj.public_id = passport.pk, passport.public_id

    def delete_model(self, request, obj) -> None:
        delete_passport(passport=obj)

    def delete_queryset(self, request, queryset) -> None:
        for passport in queryset.select_related("product"):
            delete_passport(passport=passport)


class PassportInline(TabularInline):
    """The product's passports; each is edited on its own page, where materials can be listed."""

    model = ProductPassport
    extra = 0
    fields = ["serial_number", "origin_country", "manufacturer_name", "carbon_footprint_kg"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.display(description="GS1 Digital Link")
def digital_link_qr(product: Product) -> str:
    """The QR code of the product's passport page (`/01/<gtin>`), as inline SVG."""
    path = digital_link_path(product.gtin) if product.pk else ""
    if not path:
        return "Set a GTIN to get the product's Digital Link and its QR code."
    url = absolute_url(path)
    svg = qrcode.make(url, image_factory=SvgPathImage, box_size=8).to_string(encoding="unicode")
    # The SVG holds only path geometry drawn by qrcode, never text from the request or the product.
    return format_html('<div class="passport-qr">{}</div><a href="{}">{}</a>', mark_safe(svg), url, url)  # noqa: S308
