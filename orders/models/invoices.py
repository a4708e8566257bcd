"""Invoices: issued once per order, numbered in sequence without gaps, the PDF kept in the "invoices" storage.

The number comes from its own single-row counter, allocated by the same helper as order numbers
(orders.services.numbering), so two merchants issuing at once queue on the counter row and get consecutive numbers.
"""

from django.db import models


class Invoice(models.Model):
    order = models.OneToOneField("orders.Order", on_delete=models.PROTECT, related_name="invoice")
    number = models.PositiveIntegerField(unique=True)
    file = models.CharField(max_length=255, help_text="Name of the PDF in the invoices storage.")
    total_cents = models.BigIntegerField()
    currency = models.CharField(max_length=3)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Invoice {self.number}"


class InvoiceNumberCounter(models.Model):
    """One row holding the last invoice number handed out."""

    last_number = models.PositiveIntegerField()

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="invoice_number_counter_single_row")]

    def __str__(self) -> str:
        return f"last invoice {self.last_number}"
