"""Draw a DocumentContent on A4 with reportlab: header, address blocks, a table of lines (new pages as needed),
totals and notes. Helvetica covers Latin-1 and the euro sign; other scripts need a TrueType font registered."""

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .content import DocumentContent

MARGIN = 18 * mm
LINE = 5 * mm
FONT, BOLD = "Helvetica", "Helvetica-Bold"
SIZE = 9


def render_pdf(content: DocumentContent) -> bytes:
    """The document as PDF bytes (uncompressed pages: a few kilobytes, text searchable)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=0, invariant=1)
    canvas.setTitle(f"{content.title} {content.reference}")
    _Page(canvas, content).draw()
    canvas.save()
    return buffer.getvalue()


class _Page:
    def __init__(self, canvas: Canvas, content: DocumentContent) -> None:
        self.canvas, self.content = canvas, content
        self.width, self.height = A4
        self.y = self.height - MARGIN
        usable = self.width - 2 * MARGIN
        # The first column (item title) takes what the others leave; numbers are right-aligned.
        others = len(content.columns) - 1
        self.widths = [usable - others * 26 * mm] + [26 * mm] * others

    def draw(self) -> None:
        self._header()
        self._blocks()
        self._table()
        self._totals()
        self._notes()

    def _text(self, x: float, text: str, *, font: str = FONT, size: int = SIZE, right: bool = False) -> None:
        self.canvas.setFont(font, size)
        if right:
            self.canvas.drawRightString(x, self.y, text)
        else:
            self.canvas.drawString(x, self.y, text)

    def _newline(self, lines: float = 1) -> None:
        self.y -= LINE * lines
        if self.y < MARGIN + LINE:
            self.canvas.showPage()
            self.y = self.height - MARGIN

    def _header(self) -> None:
        self._text(MARGIN, self.content.title, font=BOLD, size=18)
        self._text(self.width - MARGIN, self.content.reference, font=BOLD, size=12, right=True)
        self._newline(1.4)
        self._text(self.width - MARGIN, f"Date: {self.content.issued_on:%Y-%m-%d}", right=True)
        for line in self.content.seller:
            self._text(MARGIN, line)
            self._newline()
        self._newline()

    def _blocks(self) -> None:
        for heading, lines in self.content.blocks:
            self._text(MARGIN, heading, font=BOLD)
            self._newline()
            for line in lines or ["—"]:
                self._text(MARGIN, line)
                self._newline()
            self._newline(0.5)

    def _table(self) -> None:
        self._row(self.content.columns, font=BOLD)
        self.canvas.line(MARGIN, self.y + LINE * 0.6, self.width - MARGIN, self.y + LINE * 0.6)
        for row in self.content.rows:
            self._row(row)
        self.canvas.line(MARGIN, self.y + LINE * 0.6, self.width - MARGIN, self.y + LINE * 0.6)

    def _row(self, cells: list[str], *, font: str = FONT) -> None:
        self._newline()
        x = MARGIN
        for index, (cell, width) in enumerate(zip(cells, self.widths, strict=False)):
            text = _fit(str(cell), width - 2 * mm, font)
            if index == 0:
                self._text(x, text, font=font)
            else:
                self._text(x + width, text, font=font, right=True)
            x += width

    def _totals(self) -> None:
        self._newline(0.5)
        for label, amount in self.content.totals:
            self._newline()
            font = BOLD if label == "Total" else FONT
            self._text(self.width - MARGIN - 30 * mm, label, font=font, right=True)
            self._text(self.width - MARGIN, amount, font=font, right=True)

    def _notes(self) -> None:
        self._newline()
        for note in self.content.notes:
            self._newline()
            self._text(MARGIN, _fit(note, self.width - 2 * MARGIN, FONT))


def _fit(text: str, width: float, font: str) -> str:
    """Cut `text` with an ellipsis so it fits `width` points."""
    if stringWidth(text, font, SIZE) <= width:
        return text
    while text and stringWidth(text + "…", font, SIZE) > width:
        text = text[:-1]
    return text + "…"
