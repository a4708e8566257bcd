"""Printable order documents (invoice, packing slip): what each shows (`content`) and the PDF drawing (`pdf`).

Content is built from the order and the store row as plain data, so tests read what a document says without
parsing PDF; the drawing is reportlab's, uncompressed (small files, and the text stays searchable in the bytes).
"""

from .content import DocumentContent, invoice_content, packing_slip_content
from .pdf import render_pdf

__all__ = ["DocumentContent", "invoice_content", "packing_slip_content", "render_pdf"]
