"""The merchant's wording of each transactional e-mail: saves go through orders.mail.overrides (unknown
placeholders are a form error), with a preview of any kind and a "send me a test" to the signed-in staff member."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from shopplatform.admin_base import ModelAdmin
from shopplatform.errors import ShopError
from shopplatform.forms import ServiceAdminMixin

from ..mail.overrides import PLACEHOLDERS, check_template_text, delete_email_template, save_email_template
from ..mail.previews import preview_message
from ..models import EmailTemplate, NotificationKind


class EmailTemplateForm(forms.ModelForm):
    class Meta:
        model = EmailTemplate
        fields = ["kind", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind") or self.instance.kind
        for name in ("subject", "body"):
            if cleaned.get(name):
                try:
                    check_template_text(kind=kind, text=cleaned[name], param=name, blocks_allowed=name == "body")
                except ShopError as exc:
                    self.add_error(name, exc.detail)
        return cleaned


@admin.register(EmailTemplate)
class EmailTemplateAdmin(ServiceAdminMixin, ModelAdmin):
    form = EmailTemplateForm
    list_display = ["kind", "subject", "updated_at", "preview_link"]
    readonly_fields = ["placeholders", "preview_link", "updated_at"]

    def get_readonly_fields(self, request, obj=None):
        return ["kind", *self.readonly_fields] if obj is not None else self.readonly_fields

    def get_fields(self, request, obj=None):
        return (
            ["kind", "subject", "body", "placeholders", "preview_link", "updated_at"]
            if obj
            else ["kind", "subject", "body"]
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("preview/<str:kind>/", view(self.preview_view), name="orders_emailtemplate_preview"),
            path("preview/<str:kind>/send/", view(require_POST(self.send_test_view)), name="orders_emailtemplate_send"),
            *super().get_urls(),
        ]

    @admin.display(description="placeholders")
    def placeholders(self, obj: EmailTemplate) -> str:
        return format_html_join(" ", "<code>{{{{ {} }}}}</code>", ((name,) for name in PLACEHOLDERS[obj.kind]))

    @admin.display(description="preview")
    def preview_link(self, obj: EmailTemplate) -> str:
        return format_html('<a href="{}">Preview</a>', reverse("admin:orders_emailtemplate_preview", args=[obj.kind]))

    def save_model(self, request, obj, form, change) -> None:
        saved = save_email_template(kind=obj.kind, subject=obj.subject, body=obj.body)
        obj.pk = saved.pk

    def delete_model(self, request, obj) -> None:
        delete_email_template(kind=obj.kind)

    def delete_queryset(self, request, queryset) -> None:
        for kind in queryset.values_list("kind", flat=True):
            delete_email_template(kind=kind)

    def changelist_view(self, request, extra_context=None):
        kinds = [(kind.value, kind.label) for kind in NotificationKind]
        return super().changelist_view(request, {**(extra_context or {}), "email_kinds": kinds})

    list_before_template = "admin/orders/emailtemplate/kinds.html"

    def preview_view(self, request, kind: str):
        if kind not in NotificationKind.values or not self.has_view_permission(request):
            return redirect("admin:orders_emailtemplate_changelist")
        context = {**self.admin_site.each_context(request), "opts": self.opts, "kind": kind,
                   "kind_label": NotificationKind(kind).label, "title": f"Preview: {NotificationKind(kind).label}",
                   "override": EmailTemplate.objects.filter(kind=kind).first()}  # fmt: skip
        try:
            message = preview_message(kind=kind, recipient=request.user.email or "you@example.com")
        except ShopError as exc:
            context["refusal"] = exc.detail
        else:
            context |= {"subject": message.subject, "text": message.body, "html": message.alternatives[0][0]}
        return TemplateResponse(request, "admin/orders/emailtemplate/preview.html", context)

    def send_test_view(self, request, kind: str):
        back = redirect("admin:orders_emailtemplate_preview", kind=kind)
        if kind not in NotificationKind.values or not self.has_view_permission(request):
            return redirect("admin:orders_emailtemplate_changelist")
        if not request.user.email:
            messages.error(request, "Your staff account has no e-mail address to send the test to.")
            return back
        try:
            message = preview_message(kind=kind, recipient=request.user.email)
            message.subject = f"[Test] {message.subject}"
            message.send()
        except ShopError as exc:
            messages.error(request, exc.detail)
        except Exception as exc:  # the e-mail backend refused (SMTP, provider): say so instead of a 500
            messages.error(request, f"The test could not be sent: {exc}")
        else:
            messages.success(request, f"A test was sent to {request.user.email}.")
        return back
