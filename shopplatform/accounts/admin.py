from django import forms
from django.contrib import admin, messages

from shopplatform.admin_base import ModelAdmin, StackedInline
from shopplatform.api.scopes import SCOPES
from shopplatform.countries import InvalidCountryCode, normalize_country_code
from shopplatform.forms import ServiceAdminMixin

from . import services
from .models import Address, ApiKey, Customer


class ApiKeyForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=[(scope, scope) for scope in SCOPES], widget=forms.CheckboxSelectMultiple, required=True
    )

    class Meta:
        model = ApiKey
        fields = ["user", "name", "scopes", "rate_limit", "api_version", "revoked_at"]


@admin.register(ApiKey)
class ApiKeyAdmin(ModelAdmin):
    form = ApiKeyForm
    list_display = ["name", "prefix", "user", "rate_limit", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["name", "prefix", "user__username", "user__email", "public_id"]
    readonly_fields = ["public_id", "prefix", "created_at", "last_used_at"]
    autocomplete_fields = ["user"]
    actions = ["revoke"]

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        api_key, secret = services.issue_api_key(
            user=obj.user,
            scopes=form.cleaned_data["scopes"],
            name=obj.name,
            rate_limit=obj.rate_limit,
            api_version=obj.api_version,
        )
        obj.pk = api_key.pk
        obj.__dict__.update({k: v for k, v in api_key.__dict__.items() if not k.startswith("_")})
        messages.warning(request, f"Copy the secret now; it will not be shown again: {secret}")

    @admin.action(description="Revoke selected keys")
    def revoke(self, request, queryset) -> None:
        for api_key in queryset:
            services.revoke_api_key(api_key=api_key)
        self.message_user(request, f"Revoked {queryset.count()} key(s).")


class CustomerForm(forms.ModelForm):
    class Meta:
        model = Customer
        fields = ["email", "name", "phone", "company", "fiscal_id", "newsletter", "wholesale", "user"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if Customer.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Another customer already uses this e-mail.")
        return email


class AddressForm(forms.ModelForm):
    class Meta:
        model = Address
        fields = [
            "kind",
            "is_default",
            "name",
            "company",
            "phone",
            "address",
            "address_extra",
            "city",
            "zip_code",
            "region",
            "country_code",
        ]

    def clean_country_code(self) -> str:
        try:
            return normalize_country_code(self.cleaned_data["country_code"])
        except InvalidCountryCode as exc:
            raise forms.ValidationError(exc.detail) from exc


class AddressInline(StackedInline):
    model = Address
    form = AddressForm
    extra = 0
    fields = [
        ("kind", "is_default"),
        ("name", "company", "phone"),
        ("address", "address_extra"),
        ("city", "zip_code", "region", "country_code"),
    ]


@admin.register(Customer)
class CustomerAdmin(ServiceAdminMixin, ModelAdmin):
    """Saves and deletes go through the services, so customer.* and newsletter.* events fire."""

    form = CustomerForm
    inlines = [AddressInline]
    list_display = ["email", "name", "company", "newsletter", "wholesale", "is_registered", "created_at"]
    list_filter = ["newsletter", "wholesale", ("user", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["email", "name", "company", "phone", "fiscal_id", "public_id"]
    search_routes = {"@": "email", "cus_": "public_id"}  # indexed; a name or company still scans
    readonly_fields = ["public_id", "created_at", "updated_at"]
    autocomplete_fields = ["user"]
    date_hierarchy = "created_at"

    @admin.display(boolean=True, description="registered", ordering="user")
    def is_registered(self, customer: Customer) -> bool:
        return customer.user_id is not None

    def save_model(self, request, obj, form, change) -> None:
        fields = {name: form.cleaned_data[name] for name in form.changed_data if name in services.CUSTOMER_FIELDS}
        if change and not fields and "user" not in form.changed_data:
            return  # only addresses changed: save_related reports the customer once they are saved
        if change:
            saved = services.update_customer(customer=obj, **fields)
            if "user" in form.changed_data:
                saved.user = form.cleaned_data["user"]
                saved.save(update_fields=["user", "updated_at"])
        else:
            saved = services.create_customer(
                **{name: form.cleaned_data[name] for name in services.CUSTOMER_FIELDS},
                user=form.cleaned_data["user"],
            )
        obj.pk, obj.public_id = saved.pk, saved.public_id

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        if any(formset.has_changed() for formset in formsets):
            # Addresses are edited inline (a customer may keep several of a kind, the service replaces only the
            # default one); the service then reports the customer with its new addresses, as the API would.
            services.update_customer(customer=form.instance)

    def delete_model(self, request, obj) -> None:
        services.delete_customer(customer=obj)

    def delete_queryset(self, request, queryset) -> None:
        for customer in queryset:
            services.delete_customer(customer=customer)
