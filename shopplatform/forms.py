"""Form defaults shared by the apps' admin screens, and the bridge from service errors to admin forms."""

from django.contrib import messages
from django.db import models
from django.http import HttpResponseRedirect

from .errors import ShopError

# A URL typed without a scheme reads as https:// (Django 6.0's default); Django 5.2 still assumes http:// and
# warns on every form built from a model URLField unless told, so each admin with URL fields sets
# `formfield_overrides = HTTPS_URL_FIELDS`.
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


def refused_field(form, error: ShopError) -> str | None:
    """The form field a service refusal names (`param`, or its first part for `images.2`), None if the form lacks it."""
    field = (error.param or "").split(".")[0]
    return field if field in form.fields else None


class ServiceAdminMixin:
    """For admins whose saves, deletes and actions call the app's services (which validate and emit events).

    A ShopError raised by a service while the admin saves rolls the whole save back (the admin wraps it in a
    transaction) and the same form is shown again with the refusal as a form error, in words; a refused delete,
    bulk action or list edit comes back as an error message. The merchant never sees a 500 for a business rule.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ShopError as refusal:
            request.service_refusal = refusal
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        refusal = getattr(request, "service_refusal", None)
        if refusal is None:
            return form_class

        class RefusedForm(form_class):
            def clean(self):
                cleaned = super().clean()
                self.add_error(refused_field(self, refusal), refusal.detail)
                return cleaned

        return RefusedForm

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ShopError as refusal:
            self.message_user(request, f"Not deleted: {refusal.detail}", messages.ERROR)
            return HttpResponseRedirect(request.path)

    def changelist_view(self, request, extra_context=None):
        try:
            return super().changelist_view(request, extra_context)
        except ShopError as refusal:
            self.message_user(request, f"Stopped: {refusal.detail}", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
