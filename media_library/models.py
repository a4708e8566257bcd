"""Media files of the store: uploaded bytes, their sniffed type and the renditions made from them.

Stored names (through Django's default storage, local or S3):
  media/pending/<id>                 the uploaded bytes until processing takes them
  media/originals/<id><ext>          images: the metadata-stripped, auto-oriented original; files: the bytes
  media/images/{thumb/|square/|}<id>.<ext>   renditions
"""

from django.db import models
from django.db.models import Q

from shopplatform.ids import PublicIdField


class Media(models.Model):
    class Kind(models.TextChoices):
        IMAGE = "image", "Image"
        FILE = "file", "File"

    class Status(models.TextChoices):
        PROCESSING = "processing", "Processing"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    public_id = PublicIdField(prefix="med")
    checksum = models.CharField(
        max_length=32, null=True, blank=True, db_index=True, help_text="MD5 of the uploaded bytes."
    )
    original_name = models.CharField(max_length=255, blank=True)
    # Unknown (null) until the bytes of a URL upload have been fetched.
    kind = models.CharField(max_length=8, choices=Kind.choices, null=True, blank=True)
    mime_type = models.CharField(max_length=100, null=True, blank=True)
    extension = models.CharField(max_length=10, null=True, blank=True, help_text="With the dot, from the sniffed type.")
    size_bytes = models.PositiveBigIntegerField(null=True, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROCESSING, db_index=True)
    error = models.TextField(blank=True)
    source_url = models.URLField(max_length=2048, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="aliases",
        help_text="A URL upload whose bytes were already in the library points at that media.",
    )
    pending_name = models.CharField(max_length=255, blank=True)
    original = models.FileField(max_length=255, blank=True)
    thumb = models.FileField(max_length=255, blank=True)
    square = models.FileField(max_length=255, blank=True)
    full = models.FileField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "media"
        constraints = [
            # The same bytes are one media: only rows that own stored files take part.
            models.UniqueConstraint(
                fields=["checksum"],
                condition=Q(checksum__isnull=False, duplicate_of__isnull=True),
                name="media_unique_checksum",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name or self.source_url or self.public_id

    @property
    def stored(self) -> "Media":
        """The media whose files serve this one (itself, or the one it duplicates)."""
        return self.duplicate_of or self

    def stored_names(self) -> list[str]:
        """Every storage name this row owns."""
        names = [self.pending_name, self.original.name, self.thumb.name, self.square.name, self.full.name]
        return [name for name in names if name]
