"""The "find my order" page (/track, /order/): a guest types the e-mail address and the order number, and the
order's signed link is e-mailed to the address the order was placed with.

The page never shows the order itself, and answers the same whether or not an order matched: order numbers are
sequential, so showing an order (and its delivery address) to whoever knows an e-mail address and guesses a number
would leak it. One link per order is sent per ten minutes, however often the form is sent.
"""

from django import forms
from django.shortcuts import render

from orders.notifications import email_order_link
from orders.services.numbering import find_order_by_number


class FindOrderForm(forms.Form):
    email = forms.EmailField(label="E-mail address", widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    number = forms.RegexField(
        regex=r"^\s*#?\s*\d{1,9}\s*$",
        label="Order number",
        help_text="As in the confirmation e-mail, e.g. #1042.",
        error_messages={"invalid": "Enter the order number, e.g. #1042."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


def find_order(request):
    form = FindOrderForm(request.POST or None)
    sent = False
    if request.method == "POST" and form.is_valid():
        order = find_order_by_number(number=form.cleaned_data["number"], email=form.cleaned_data["email"])
        if order is not None:
            email_order_link(order=order)
        sent = True
    status = 400 if form.errors else 200
    return render(request, "store/find_order.html", {"form": form, "sent": sent}, status=status)
