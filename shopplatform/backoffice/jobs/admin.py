"""The job pages: the list of bulk jobs and one page per job showing its progress, refreshing itself until the
job ends (a meta refresh: no script, so the admin's CSP stays `script-src 'self'`), then its outcome: counts,
row errors in words, the import preview with its "Import" button, or the exported file to download."""

import mimetypes

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from shopplatform.admin_base import ModelAdmin
from shopplatform.errors import ShopError

from ..tables import CONTENT_TYPES
from . import services
from .models import Job
from .storage import job_storage

REFRESH_SECONDS = 2
SUBJECT_MODELS = {"products": "catalog_product", "customers": "accounts_customer", "orders": "orders_order",
                  "coupons": "orders_coupon"}  # fmt: skip


@admin.register(Job)
class JobAdmin(ModelAdmin):
    list_display = ("__str__", "progress", "source_label", "created_by", "created_at")
    list_filter = ("kind", "subject", "state")
    list_select_related = ("created_by",)
    search_fields = ("=public_id", "source_label")
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        jobs = super().get_queryset(request)
        return jobs if request.user.is_superuser else jobs.filter(created_by=request.user)

    @admin.display(description="Progress")
    def progress(self, job: Job) -> str:
        return format_html("{} / {} ({} %)", job.done, job.total, job.percent)

    def get_urls(self):
        return [
            path("<int:job_id>/download/", self.admin_site.admin_view(self.download_view), name="backoffice_job_download"),
            path("<int:job_id>/confirm/", self.admin_site.admin_view(self.confirm_view), name="backoffice_job_confirm"),
            *super().get_urls(),
        ]  # fmt: skip

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self._own_job(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": str(job),
            "job": job,
            "refresh_seconds": None if job.finished else REFRESH_SECONDS,
            "subject_url": _subject_url(job),
            "confirmable": job.kind == Job.Kind.IMPORT_PREVIEW and job.state == Job.State.DONE
            and not job.counts.get("failed"),
            "imported": Job.objects.filter(kind=Job.Kind.IMPORT, params__preview=job.public_id).first(),
        }  # fmt: skip
        return TemplateResponse(request, "admin/backoffice/job.html", context)

    def confirm_view(self, request, job_id: int):
        preview = self._own_job(request, job_id)
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:backoffice_job_change", args=[preview.pk]))
        try:
            job = services.confirm_import(preview=preview, user=request.user)
        except ShopError as refusal:
            self.message_user(request, refusal.detail, messages.ERROR)
            return HttpResponseRedirect(reverse("admin:backoffice_job_change", args=[preview.pk]))
        self.message_user(request, "The import is running; this page shows its progress.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:backoffice_job_change", args=[job.pk]))

    def download_view(self, request, job_id: int):
        job = self._own_job(request, job_id)
        if not job.result_name:
            raise Http404("This job has no file.")
        name = job.result_name.rsplit("/", 1)[-1]
        content_type = CONTENT_TYPES.get(job.file_format) or mimetypes.guess_type(name)[0]
        return FileResponse(job_storage().open(job.result_name, "rb"), as_attachment=True, filename=name,
                            content_type=content_type)  # fmt: skip

    def _own_job(self, request, job_id) -> Job:
        """The job, for its creator or a superuser (exports hold customers' personal data)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        if not str(job_id).isdigit():
            raise Http404("No such job.")
        return get_object_or_404(self.get_queryset(request), pk=job_id)


def _subject_url(job: Job) -> str:
    return reverse(f"admin:{SUBJECT_MODELS[job.subject]}_changelist")
