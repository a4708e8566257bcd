"""Import, export and bulk status buttons on the products, customers, orders and coupons changelists.

The domain apps' admins cannot import the back-office (it sits above them), so the back-office extends their
registered admins from here: each is re-registered as a subclass adding "Import" and "Export" buttons at the top
of the changelist, "Export selected" actions and, for orders, "Change status in the background". Every one of
them starts a Job and sends the merchant to its page.
"""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from unfold.decorators import action
from unfold.widgets import UnfoldAdminFileFieldWidget, UnfoldAdminRadioSelectWidget, UnfoldAdminSelectWidget

from catalog.models import Product
from orders.models import Coupon, Order, OrderStatus
from shopplatform.accounts.models import Customer
from shopplatform.errors import ShopError

from .. import exports
from ..imports import IMPORTERS
from . import services
from .models import Job

SUBJECTS = {Product: "products", Customer: "customers", Order: "orders", Coupon: "coupons"}
COLUMNS = {"products": exports.PRODUCT_COLUMNS + exports.VARIANT_COLUMNS, "customers": exports.CUSTOMER_COLUMNS,
           "coupons": exports.COUPON_COLUMNS[:-1], "orders": exports.ORDER_COLUMNS}  # fmt: skip


class ImportForm(forms.Form):
    file = forms.FileField(label="File (CSV or XLSX)", widget=UnfoldAdminFileFieldWidget)


class ExportForm(forms.Form):
    file_format = forms.ChoiceField(label="Format", choices=Job.Format.choices, initial=Job.Format.CSV,
                                    widget=UnfoldAdminRadioSelectWidget)  # fmt: skip


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="New status", choices=OrderStatus.choices, widget=UnfoldAdminSelectWidget)


def job_page(job: Job) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("admin:backoffice_job_change", args=[job.pk]))


class JobActionsMixin:
    """Import and Export buttons on the changelist, and Export selected actions, all run as jobs."""

    job_subject = ""

    def has_import_file_permission(self, request) -> bool:
        return (
            self.job_subject in IMPORTERS and self.has_add_permission(request) and self.has_change_permission(request)
        )

    def has_export_file_permission(self, request) -> bool:
        return self.has_view_permission(request)

    @action(description="Import", url_path="import-file", permissions=["import_file"], icon="upload")
    def import_file(self, request):
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                return job_page(services.start_import_preview(subject=self.job_subject, upload=form.cleaned_data[
                    "file"], user=request.user))  # fmt: skip
            except ShopError as refusal:
                form.add_error("file", refusal.detail)
        return self._job_form(request, form, title=f"Import {self.opts.verbose_name_plural}", kind="import")

    @action(description="Export", url_path="export-file", permissions=["export_file"], icon="download")
    def export_file(self, request):
        form = ExportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            job = services.start_export(subject=self.job_subject, file_format=form.cleaned_data["file_format"],
                                        user=request.user)  # fmt: skip
            return job_page(job)
        return self._job_form(request, form, title=f"Export {self.opts.verbose_name_plural}", kind="export")

    def _job_form(self, request, form, *, title: str, kind: str):
        context = {**self.admin_site.each_context(request), "opts": self.opts, "title": title, "form": form,
                   "kind": kind, "columns": COLUMNS[self.job_subject], "subject": self.job_subject,
                   "changelist_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")}  # fmt: skip
        return TemplateResponse(request, "admin/backoffice/job_form.html", context)


def _export_selected(file_format: str):
    @admin.action(description=f"Export selected as {file_format.upper()} (in the background)")
    def export_selected(modeladmin, request, queryset):
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        return job_page(services.start_export(subject=modeladmin.job_subject, file_format=file_format, ids=ids,
                                              user=request.user))  # fmt: skip

    export_selected.__name__ = f"export_selected_{file_format}"
    return export_selected


@admin.action(description="Change status of selected (in the background)…", permissions=["change"])
def change_status_in_background(modeladmin, request, queryset):
    """Ask for the status, then queue the change of every selected order through the workflow service."""
    form = StatusForm(request.POST if "status" in request.POST else None)
    if form.is_bound and form.is_valid():
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        try:
            job = services.start_order_status_change(order_ids=ids, status=form.cleaned_data["status"],
                                                     user=request.user)  # fmt: skip
        except ShopError as refusal:
            modeladmin.message_user(request, refusal.detail, messages.ERROR)
            return None
        return job_page(job)
    context = {**modeladmin.admin_site.each_context(request), "opts": modeladmin.opts, "form": form,
               "title": "Change the status of the selected orders", "count": queryset.count(),
               "select_across": request.POST.get("select_across", "0"),
               "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
               "action": "change_status_in_background"}  # fmt: skip
    return TemplateResponse(request, "admin/backoffice/order_status_form.html", context)


def extend_admins(site: admin.AdminSite) -> None:
    """Re-register the subjects' admins as subclasses with the job buttons and actions."""
    for model, subject in SUBJECTS.items():
        current = site._registry.get(model)
        if current is None:
            continue
        base = type(current)
        actions = [*(base.actions or []), _export_selected("csv"), _export_selected("xlsx")]
        if model is Order:
            actions.append(change_status_in_background)
        actions_list = [*(getattr(base, "actions_list", None) or []), "import_file", "export_file"]
        if subject not in IMPORTERS:
            actions_list.remove("import_file")
        extended = type(base.__name__, (JobActionsMixin, base), {
            "job_subject": subject, "actions": actions, "actions_list": actions_list, "__module__": base.__module__,
        })  # fmt: skip
        site.unregister(model)
        site.register(model, extended)
