"""The verify playground of the API docs: paste a payload, a secret and signature headers to check them."""

from django import forms
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .signing import verify_shop_signature, verify_standard_signature


class VerifyForm(forms.Form):
    payload = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=100_000, strip=False)
    secret = forms.CharField(max_length=200, help_text="The endpoint's whsec_… secret.")
    shop_signature = forms.CharField(
        label="X-Shop-Signature", max_length=1000, required=False, help_text="t=<unix>,v1=<hex>"
    )
    webhook_id = forms.CharField(label="webhook-id", max_length=200, required=False)
    webhook_timestamp = forms.CharField(label="webhook-timestamp", max_length=20, required=False)
    webhook_signature = forms.CharField(label="webhook-signature", max_length=2000, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("shop_signature") and not data.get("webhook_signature"):
            raise forms.ValidationError("Paste an X-Shop-Signature header, the Standard Webhooks headers, or both.")
        return data


@require_http_methods(["GET", "POST"])
def verify_playground(request):
    """GET shows the form; POST says whether each pasted signature verifies. Nothing is stored."""
    form = VerifyForm(request.POST or None)
    results = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        body = data["payload"].encode()
        if data["shop_signature"]:
            problem = verify_shop_signature(secret=data["secret"], header=data["shop_signature"], body=body)
            results.append(("X-Shop-Signature", problem))
        if data["webhook_signature"]:
            headers = {
                "webhook-id": data["webhook_id"],
                "webhook-timestamp": data["webhook_timestamp"],
                "webhook-signature": data["webhook_signature"],
            }
            problem = verify_standard_signature(secret=data["secret"], headers=headers, body=body)
            results.append(("Standard Webhooks", problem))
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return render(request, "webhooks/verify.html", {"form": form, "results": results}, status=status)
