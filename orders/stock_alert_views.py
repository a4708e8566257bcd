"""Store pages of back-in-stock alerts: the sign-up form on a sold-out product page and the signed unsubscribe page.

Both call orders.back_in_stock, as the API does; a refused sign-up becomes a message on the product page.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from catalog.models import Variant
from catalog.pages import public_product
from shopplatform.accounts.models import Customer
from shopplatform.errors import ShopError

from .back_in_stock import cancel_stock_alerts, email_for_token, subscribe_to_stock


class StockAlertForm(forms.Form):
    email = forms.EmailField(max_length=254)
    variant = forms.CharField(max_length=40, required=False)


@require_POST
def stock_alert_create(request, slug: str):
    """Sign the address up for the product (or the chosen variant); the product page says what happened."""
    product = public_product(request, slug)
    form = StockAlertForm(request.POST)
    variant_id = request.POST.get("variant", "")
    product_url = reverse("catalog:product", args=[product.slug])
    back = redirect(f"{product_url}?variant={variant_id}#stock-alert" if variant_id else f"{product_url}#stock-alert")
    if not form.is_valid():
        messages.error(request, "Enter a valid e-mail address to be told when it is back.")
        return back
    variant = None
    if form.cleaned_data["variant"]:
        variant = Variant.objects.filter(product=product, public_id=form.cleaned_data["variant"]).first()
        if variant is None:
            messages.error(request, "That option no longer exists; choose another one.")
            return redirect(product_url)
    customer = Customer.objects.filter(user=request.user).first() if request.user.is_authenticated else None
    try:
        alert, created = subscribe_to_stock(
            product=product, variant=variant, email=form.cleaned_data["email"], customer=customer
        )
    except ShopError as exc:
        messages.error(request, exc.detail)
        return back
    item = f"{product.title} ({variant.title})" if variant is not None else product.title
    if created:
        messages.success(request, f"Thank you! We'll e-mail {alert.email} once, as soon as {item} is back in stock.")
    else:
        messages.info(request, f"You're already on the list: we'll e-mail {alert.email} when {item} is back.")
    return back


def stock_alert_unsubscribe(request, token: str):
    """GET asks for confirmation (mail scanners follow links); POST cancels the address's waiting alerts."""
    email = email_for_token(token)
    if email is None:
        return render(request, "orders/stock_alerts_unsubscribe.html", {"invalid": True}, status=404)
    canceled = cancel_stock_alerts(email=email) if request.method == "POST" else None
    return render(request, "orders/stock_alerts_unsubscribe.html", {"email": email, "canceled": canceled})
