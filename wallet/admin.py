"""Back-office for wallets: balances are read-only; money moves only through the "Adjust balance" form,
which writes a ledger entry through the same service as `POST /wallet/adjustments`."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from shopplatform.admin_base import ModelAdmin, SuperuserOnlyMixin, TabularInline
from shopplatform.errors import ShopError
from shopplatform.forms import MoneyFormField, money, money_display

from . import services
from .models import Hold, LedgerEntry, Transfer, Wallet


class AdjustmentForm(forms.Form):
    type = forms.ChoiceField(choices=LedgerEntry.Type.choices, widget=forms.RadioSelect)
    amount = MoneyFormField(help_text="In the wallet's currency, e.g. 12.50.")
    reason = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, currency: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["amount"].currency = currency

    def clean_amount(self) -> int:
        cents = self.cleaned_data["amount"]
        if cents <= 0:
            raise forms.ValidationError("Enter a positive amount.")
        return cents

    def signed_amount_cents(self) -> int:
        cents = self.cleaned_data["amount"]
        return cents if self.cleaned_data["type"] == LedgerEntry.Type.CREDIT else -cents


class ReadOnlyAdmin(ModelAdmin):
    """Money records are written by services only."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class LedgerEntryInline(TabularInline):
    model = LedgerEntry
    fields = ["public_id", "created_at", "kind", "amount", "balance_after", "note", "created_by", "order_reference"]
    readonly_fields = fields
    ordering = ["-created_at", "-pk"]
    extra = 0
    can_delete = False
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("wallet", "created_by")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="amount")
    def amount(self, entry: LedgerEntry) -> str:
        return money(entry.amount_cents, entry.wallet.currency)

    @admin.display(description="balance after")
    def balance_after(self, entry: LedgerEntry) -> str:
        return money(entry.balance_after_cents, entry.wallet.currency)


@admin.register(Wallet)
class WalletAdmin(ModelAdmin):
    list_display = ["customer", "balance", "available", "currency", "updated_at"]
    list_select_related = ["customer"]
    search_fields = ["customer__email", "customer__name", "customer__public_id"]
    search_routes = {"@": "customer__email", "cus_": "customer__public_id"}  # indexed; the rest scans
    fields = ["customer", "currency", "balance", "available", "adjust", "created_at", "updated_at"]
    readonly_fields = fields
    inlines = [LedgerEntryInline]
    actions = ["adjust_selected"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # Saving the change form would write a stale balance over a concurrent service update.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    balance = money_display("balance_cents", description="balance", currency_field="currency")

    @admin.display(description="available")
    def available(self, wallet: Wallet) -> str:
        return money(wallet.available_cents, wallet.currency)

    @admin.display(description="adjust")
    def adjust(self, wallet: Wallet) -> str:
        return format_html('<a class="button" href="{}">Adjust balance</a>', self._adjust_url(wallet))

    @admin.action(description="Adjust balance of the selected wallet")
    def adjust_selected(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one wallet to adjust.", messages.WARNING)
            return None
        return redirect(self._adjust_url(queryset.get()))

    def get_urls(self):
        adjust = self.admin_site.admin_view(self.adjust_view)
        return [path("<int:pk>/adjust/", adjust, name="wallet_wallet_adjust"), *super().get_urls()]

    def adjust_view(self, request, pk: int):
        wallet = get_object_or_404(Wallet.objects.select_related("customer"), pk=pk)
        if not self.has_view_permission(request, wallet) or not request.user.has_perm("wallet.add_ledgerentry"):
            raise PermissionDenied
        form = AdjustmentForm(request.POST or None, currency=wallet.currency)
        if request.method == "POST" and form.is_valid():
            try:
                entry = services.adjust_balance(
                    customer=wallet.customer,
                    amount_cents=form.signed_amount_cents(),
                    reason=form.cleaned_data["reason"],
                    created_by=request.user,
                )
            except ShopError as exc:
                form.add_error(None, exc.detail)
            else:
                self.message_user(request, f"Wrote {entry.public_id}: {money(entry.amount_cents, wallet.currency)}.")
                return redirect(reverse("admin:wallet_wallet_change", args=[wallet.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Adjust balance: {wallet}",
            "wallet": wallet,
            "form": form,
            "balance": money(wallet.balance_cents, wallet.currency),
            "available": money(wallet.available_cents, wallet.currency),
        }
        return TemplateResponse(request, "admin/wallet/wallet/adjust.html", context)

    @staticmethod
    def _adjust_url(wallet: Wallet) -> str:
        return reverse("admin:wallet_wallet_adjust", args=[wallet.pk])


@admin.register(LedgerEntry)
class LedgerEntryAdmin(SuperuserOnlyMixin, ReadOnlyAdmin):
    list_display = ["public_id", "wallet", "type", "kind", "amount", "balance_after", "created_at"]
    list_filter = ["type", "kind", "created_at"]
    list_select_related = ["wallet__customer"]
    exclude = ["amount_cents", "balance_after_cents"]
    readonly_fields = ["amount", "balance_after"]
    amount = money_display("amount_cents", description="amount", currency_field="wallet.currency")
    balance_after = money_display("balance_after_cents", description="balance after", currency_field="wallet.currency")
    search_fields = ["public_id", "wallet__customer__email", "order_reference", "transfer__public_id"]
    search_routes = {  # 2M rows: every shape a merchant pastes goes to one index
        "@": "wallet__customer__email",
        "txn_": "public_id",
        "ord_": "order_reference",
        "trf_": "transfer__public_id",
    }


@admin.register(Transfer)
class TransferAdmin(SuperuserOnlyMixin, ReadOnlyAdmin):
    list_display = ["public_id", "from_wallet", "to_wallet", "amount", "status", "created_at"]
    exclude = ["amount_cents"]
    readonly_fields = ["amount"]
    amount = money_display("amount_cents", description="amount", currency_field="currency")
    list_filter = ["status", "created_at"]  # no currency: its choices would be a DISTINCT over the table
    list_select_related = ["from_wallet__customer", "to_wallet__customer"]
    search_fields = ["public_id", "from_wallet__customer__email", "to_wallet__customer__email"]
    search_routes = {"trf_": "public_id"}


@admin.register(Hold)
class HoldAdmin(SuperuserOnlyMixin, ReadOnlyAdmin):
    list_display = ["pk", "wallet", "amount", "status", "reference", "created_at", "completed_at"]
    list_filter = ["status"]
    list_select_related = ["wallet__customer"]
    exclude = ["amount_cents"]
    readonly_fields = ["amount"]
    amount = money_display("amount_cents", description="amount", currency_field="wallet.currency")
    search_fields = ["reference", "wallet__customer__email"]
