"""The merchant's wording of a transactional e-mail: a subject and a body that replace the file templates of one
notification kind (orders.mail.overrides validates and renders them)."""

from django.db import models

from .notifications import NotificationKind


class EmailTemplate(models.Model):
    kind = models.CharField(max_length=32, choices=NotificationKind.choices, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField(help_text="Plain text; a blank line starts a paragraph. Placeholders: {{ order.number }}…")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = "e-mail template"

    def __str__(self) -> str:
        return self.get_kind_display()
