"""The Job row: one bulk operation the back-office runs in the background, with its progress and outcome."""

from django.conf import settings
from django.db import models

from shopplatform.ids import PublicIdField

MAX_STORED_ERRORS = 500
MAX_PREVIEW_ROWS = 200


class Job(models.Model):
    """An export, an import (its dry-run preview or its application) or an order status change over many rows.

    The task moves `done` towards `total` as it goes, so the job page shows progress; `errors` holds the refused
    rows in words ({"row", "column", "message"}), `counts` what happened ({"new", "updated", "unchanged", ...}).
    """

    class Kind(models.TextChoices):
        EXPORT = "export"
        IMPORT_PREVIEW = "import_preview", "Import preview"
        IMPORT = "import"
        ORDER_STATUS = "order_status", "Order status change"

    class State(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    class Subject(models.TextChoices):
        PRODUCTS = "products"
        CUSTOMERS = "customers"
        ORDERS = "orders"
        COUPONS = "coupons"

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel (XLSX)"

    public_id = PublicIdField(prefix="job")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    subject = models.CharField(max_length=20, choices=Subject.choices)
    file_format = models.CharField(max_length=4, choices=Format.choices, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    params = models.JSONField(default=dict, blank=True, help_text="Selected ids, target status.")
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    preview = models.JSONField(default=list, blank=True, help_text="What the first rows of an import do.")
    failure = models.TextField(blank=True, help_text="Why the whole job stopped.")
    source_name = models.CharField(max_length=255, blank=True, help_text="The uploaded file, in private storage.")
    source_label = models.CharField(max_length=255, blank=True, help_text="The uploaded file's own name.")
    result_name = models.CharField(max_length=255, blank=True, help_text="The exported file, in private storage.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.subject} ({self.get_state_display().lower()})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0
