"""Running an importer over a file's rows: a dry run (each record in a savepoint rolled back) or the real thing.

Each record (one row, or a product's rows) runs in its own transaction, so a refused record never leaves half of
itself behind and the job's progress, written between records, is visible while the import runs.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import DataError, IntegrityError, transaction

from shopplatform.errors import ShopError

from ..tables import UnreadableFile

MAX_ERRORS = 500
MAX_PREVIEW = 200


@dataclass
class Record:
    """One thing the import creates or updates: its key and the file rows (line number, cells) describing it."""

    key: str
    rows: list[tuple[int, dict]]

    @property
    def line(self) -> int:
        return self.rows[0][0]


@dataclass(frozen=True)
class Outcome:
    action: str  # "new", "updated" or "unchanged"
    changes: tuple[str, ...] = ()


class RecordRefused(Exception):
    """A record's refusal, naming the file line it was found on."""

    def __init__(self, line: int, error: ShopError) -> None:
        self.line, self.error = line, error
        super().__init__(error.detail)


@dataclass
class ImportReport:
    total: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {"new": 0, "updated": 0, "unchanged": 0, "failed": 0})
    errors: list[dict] = field(default_factory=list)
    preview: list[dict] = field(default_factory=list)


class _DryRun(Exception):
    def __init__(self, outcome: Outcome) -> None:
        self.outcome = outcome


class Importer:
    """The base of an import: reads records keyed by `key_column`, one row each; subclasses write them."""

    subject = ""
    key_column = ""
    # A service's refusal names its argument (`price_cents`); the merchant's file names the column (`price`).
    columns_by_param: dict[str, str] = {}

    def records(self, rows: list[tuple[int, dict]]) -> list[Record]:
        records, first_line = [], {}
        for line, row in rows:
            key = self.key_of(row)
            if key and key in first_line:
                raise RecordRefused(line, ShopError(f"{self.key_column} {key} appears again (first on row "
                                                    f"{first_line[key]}).", param=self.key_column))  # fmt: skip
            first_line[key] = line
            records.append(Record(key, [(line, row)]))
        return records

    def key_of(self, row: dict) -> str:
        return row.get(self.key_column, "").strip().lower()

    def write(self, record: Record) -> Outcome:
        raise NotImplementedError


def run_import(importer: Importer, rows: list[tuple[int, dict]], *, apply: bool, progress: Callable) -> ImportReport:
    """Import the rows (or only try them, rolling each back, when not `apply`); report what each did."""
    report = ImportReport()
    if rows and importer.key_column not in rows[0][1]:
        raise UnreadableFile(f"The file has no '{importer.key_column}' column.", param="file")
    try:
        records = importer.records(rows)
    except RecordRefused as refusal:
        _refuse(importer, report, refusal.line, refusal.error)
        return report
    report.total = len(records)
    progress(0, report.total)
    for done, record in enumerate(records, start=1):
        try:
            outcome = _write(importer, record, apply=apply)
        except RecordRefused as refusal:
            _refuse(importer, report, refusal.line, refusal.error)
        except (DataError, IntegrityError) as error:
            _refuse(importer, report, record.line, ShopError(f"The database refused the row: {error}".strip()))
        else:
            report.counts[outcome.action] += 1
            if len(report.preview) < MAX_PREVIEW:
                report.preview.append({"row": record.line, "key": record.key, "action": outcome.action,
                                       "changes": list(outcome.changes)})  # fmt: skip
        progress(done, report.total)
    return report


def _write(importer: Importer, record: Record, *, apply: bool) -> Outcome:
    try:
        with transaction.atomic():
            try:
                outcome = importer.write(record)
            except ShopError as error:
                raise RecordRefused(record.line, error) from error
            if not apply:
                raise _DryRun(outcome)
    except _DryRun as dry_run:
        return dry_run.outcome
    return outcome


def _refuse(importer: Importer, report: ImportReport, line: int, error: ShopError) -> None:
    report.counts["failed"] += 1
    if len(report.errors) < MAX_ERRORS:
        column = importer.columns_by_param.get(error.param or "", error.param or "")
        report.errors.append({"row": line, "column": column if column != "file" else "", "message": error.detail})
