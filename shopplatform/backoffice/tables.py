"""Reading and writing the spreadsheets of imports and exports: CSV (UTF-8, comma, header row) and XLSX.

Both are streamed: an export writes row by row to a temporary file (openpyxl's write-only mode for XLSX) and an
import reads row by row, so neither holds a large file's rows in memory. Cells are read as text: the importers
parse numbers, money and dates themselves, with the same rules as the admin forms.
"""

import csv
import io
import tempfile
from collections.abc import Iterator

from openpyxl import Workbook, load_workbook

from shopplatform.errors import InvalidInput

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Spreadsheet programs run cells starting with these as formulas (CSV injection); exports prefix them with '.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class UnreadableFile(InvalidInput):
    """The uploaded file is not a CSV or XLSX table with a header row."""

    code, title = "unreadable_file", "Unreadable file"


def file_format_of(name: str) -> str:
    """The format named by the file's extension; raise UnreadableFile for any other."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in FORMATS:
        raise UnreadableFile("Upload a .csv or .xlsx file.", param="file")
    return extension


def safe_cell(value) -> object:
    """The value as written to a cell: text that a spreadsheet would run as a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _is_number(value):
        return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


class TableWriter:
    """Rows written one at a time to a temporary file; `finish()` returns the file, rewound."""

    def __init__(self, file_format: str, header: list[str]) -> None:
        self.file_format = file_format
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 (returned open by finish(); the caller closes it)
        if file_format == "xlsx":
            self.workbook = Workbook(write_only=True)
            self.sheet = self.workbook.create_sheet()
            self.sheet.append(header)
        else:
            self.text = io.TextIOWrapper(self.file, encoding="utf-8", newline="", write_through=True)
            self.csv = csv.writer(self.text)
            self.csv.writerow(header)

    def write(self, row: list) -> None:
        cells = [safe_cell(value) for value in row]
        if self.file_format == "xlsx":
            self.sheet.append(cells)
        else:
            self.csv.writerow(["" if value is None else value for value in cells])

    def finish(self):
        if self.file_format == "xlsx":
            self.workbook.save(self.file)
        else:
            self.text.flush()
            self.text.detach()
        self.file.seek(0)
        return self.file


def read_table(file, file_format: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, {column: text}) for each non-empty row after the header; columns lower-cased."""
    rows = _xlsx_rows(file) if file_format == "xlsx" else _csv_rows(file)
    header = next(rows, None)
    if not header or not any(header):
        raise UnreadableFile("The file is empty: its first row must name the columns.", param="file")
    columns = [name.strip().lower() for name in header]
    for number, cells in enumerate(rows, start=2):
        if any(cell.strip() for cell in cells):
            yield number, {column: (cells[index].strip() if index < len(cells) else "") for index, column in
                           enumerate(columns) if column}  # fmt: skip


def _csv_rows(file) -> Iterator[list[str]]:
    text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
    try:
        yield from csv.reader(text)
    except (UnicodeDecodeError, csv.Error) as error:
        raise UnreadableFile(f"The CSV file cannot be read as UTF-8 text: {error}.", param="file") from error
    finally:
        text.detach()


def _xlsx_rows(file) -> Iterator[list[str]]:
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zipfile, KeyError and its own errors for a broken file
        raise UnreadableFile("The file is not a readable Excel (XLSX) workbook.", param="file") from error
    try:
        for values in workbook.active.iter_rows(values_only=True):
            yield [_cell_text(value) for value in values]
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10] if getattr(value, "hour", 0) == 0 else value.isoformat()
    return str(value)
