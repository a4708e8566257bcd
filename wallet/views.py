"""The account's wallet page: balance, transactions and a transfer form that calls wallet.services.transfer_funds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from shopplatform.accounts.services import ensure_customer
from shopplatform.errors import ShopError
from shopplatform.money import format_money, parse_amount
from shopplatform.store.context_processors import current_store

from .forms import TransferForm
from .queries import entries_of_wallet
from .services import transfer_funds, wallet_for_customer

ENTRIES_PER_PAGE = 20
# Form fields that service errors point at through their `param`.
PARAM_FIELDS = {"to": "to", "amount": "amount", "amount_cents": "amount", "currency": "amount"}


@login_required
@require_http_methods(["GET", "POST"])
def wallet_detail(request):
    customer = ensure_customer(user=request.user)
    wallet = wallet_for_customer(customer=customer)
    form = TransferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = transfer_funds(
                sender=customer,
                to=form.cleaned_data["to"],
                amount_cents=parse_amount(form.cleaned_data["amount"], wallet.currency),
                note=form.cleaned_data["note"],
                created_by=request.user,
            )
        except ShopError as exc:
            form.add_error(PARAM_FIELDS.get(exc.param or ""), exc.detail)
        else:
            locale = current_store(request).locale
            amount = format_money(transfer.amount_cents, transfer.currency, locale)
            messages.success(request, f"You sent {amount} to {form.cleaned_data['to']}.")
            return redirect("wallet:wallet")
    locale = current_store(request).locale
    page = Paginator(entries_of_wallet(wallet=wallet).order_by("-created_at", "-pk"), ENTRIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "wallet": wallet,
        "balance": format_money(wallet.balance_cents, wallet.currency, locale),
        "available": format_money(wallet.available_cents, wallet.currency, locale),
        "page": page,
        "entries": [
            {"entry": entry, "amount": format_money(entry.amount_cents, wallet.currency, locale)}
            for entry in page.object_list
        ],
        "form": form,
    }
    return render(request, "account/wallet.html", context, status=400 if form.errors else 200)
