"""Importing existing members from a spreadsheet (CSV), all or nothing unless told otherwise.

Every row goes through the same profile schema as the web form and the API. Columns: role
(mentee or mentor), status (optional; approved by default, since these are existing members),
then the schema's field names: email, name, birth_year, languages ("ar:C2; da:B1"), goals
("job; network"), occupation_code, ..., q_<question key> for the network's questions, and
consent_privacy / consent_sensitive (yes or no). A mentee's row also gives her situation today
(employed, self_employed, education, job_seeking, not_working or other): her intake outcome.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.core.schemas import flatten_errors
from mentornet.modules.accounts.models import User
from mentornet.modules.accounts.operations import get_user_by_email
from mentornet.modules.audit.operations import record
from mentornet.modules.profiles.models import ProfileRole, ProfileStatus
from mentornet.modules.profiles.operations import change_status, submit_application
from mentornet.modules.profiles.schemas import profile_schema
from mentornet.modules.tenants.models import Tenant

ROLE_COLUMN = "role"
STATUS_COLUMN = "status"
IMPORT_STATUSES = (ProfileStatus.APPLIED, ProfileStatus.APPROVED)
MAX_ROWS = 10_000


@dataclass
class RowProblem:
    row: int  # the line in the file (the header is line 1)
    field: str
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    imported: int = 0
    skipped: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_rows(data: bytes | str) -> list[dict[str, str]]:
    """CSV rows as dicts; accepts a UTF-8 (optionally with BOM) file, comma or semicolon separated.

    A file that cannot be read as such is refused as a whole, naming the row where reading stopped
    (the header is row 1): not UTF-8, a row with more values than the header has columns, a field
    longer than the csv module's limit (128 KiB), or more than MAX_ROWS rows.
    """
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise DomainError(_l("The file is not UTF-8 text."), field="file") from exc
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    rows: list[dict[str, str]] = []
    try:
        for row in reader:
            _check_shape(row, len(rows) + 2)
            rows.append({(key or "").strip(): (value or "").strip() for key, value in row.items()})
    except csv.Error as exc:
        raise DomainError(
            _l(
                "Row %(row)s cannot be read: a field is longer than %(size)s KiB, or a quote is not closed.",
                row=len(rows) + 2,
                size=csv.field_size_limit() // 1024,
            ),
            field="file",
        ) from exc
    return rows


def _check_shape(row: dict[str | None, Any], number: int) -> None:
    if None in row:  # DictReader keeps the values beyond the header's columns under None
        raise DomainError(
            _l("Row %(row)s has more values than the header has columns.", row=number),
            field="file",
        )
    if number - 1 > MAX_ROWS:
        raise DomainError(_l("The file has more than %(max)s rows.", max=MAX_ROWS), field="file")


def import_profiles(
    session: Session,
    tenant: Tenant,
    rows: list[dict[str, str]],
    *,
    actor: User | None,
    skip_bad_rows: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Validate every row; import all of them, or none if any fails (unless skip_bad_rows).

    A dry run does the whole import inside a savepoint and undoes it, so its report is exactly
    what a real run would do. Nothing is committed here: the caller commits.
    """
    report = ImportReport(rows=len(rows))
    seen: dict[str, int] = {}
    valid: list[tuple[ProfileRole, ProfileStatus, dict[str, Any]]] = []
    for number, row in enumerate(rows, start=2):
        parsed = _parse_row(session, tenant, row, number, seen, report)
        if parsed is not None:
            valid.append(parsed)
    if report.problems and not skip_bad_rows:
        report.skipped = report.rows
        return report
    # Every row that reaches here was checked against the schema and the database above.
    with session.begin_nested() as savepoint:
        for role, status, data in valid:
            user, profile = submit_application(session, tenant, role, data)
            if status is ProfileStatus.APPROVED:
                _approve(session, tenant, profile, actor or user)
            report.imported += 1
        if dry_run:
            savepoint.rollback()
    if report.imported and not dry_run:
        record(
            session,
            actor_id=actor.id if actor else None,
            action="csv_import",
            subject_type="tenant",
            subject_id=tenant.id,
            detail=f"{report.imported} of {report.rows} rows imported",
        )
    report.skipped = report.rows - report.imported
    return report


def _approve(session: Session, tenant: Tenant, profile: Any, actor: User) -> None:
    """Existing members skip the intake steps: they were approved in the old system."""
    for step in (ProfileStatus.INFO_MEETING, ProfileStatus.INTERVIEWED, ProfileStatus.APPROVED):
        change_status(session, tenant, profile, step, actor=actor, reason="imported from CSV")


def _parse_row(
    session: Session,
    tenant: Tenant,
    row: dict[str, str],
    number: int,
    seen: dict[str, int],
    report: ImportReport,
) -> tuple[ProfileRole, ProfileStatus, dict[str, Any]] | None:
    role_value = row.get(ROLE_COLUMN, "").lower()
    if role_value not in {r.value for r in ProfileRole}:
        report.problems.append(RowProblem(number, ROLE_COLUMN, str(_l("Write mentee or mentor."))))
        return None
    status_value = row.get(STATUS_COLUMN, "").lower() or ProfileStatus.APPROVED.value
    if status_value not in {s.value for s in IMPORT_STATUSES}:
        report.problems.append(
            RowProblem(number, STATUS_COLUMN, str(_l("Write applied or approved.")))
        )
        return None
    values = {k: v for k, v in row.items() if k not in (ROLE_COLUMN, STATUS_COLUMN) and v != ""}
    role = ProfileRole(role_value)
    try:
        data: dict[str, Any] = profile_schema(tenant.config, role, account="import").load(values)
    except ValidationError as exc:
        for key, message in flatten_errors(exc.messages):
            report.problems.append(RowProblem(number, key, message))
        return None
    email = data["account"]["email"].lower()
    data["account"]["email"] = email
    if email in seen:
        report.problems.append(
            RowProblem(
                number,
                "email",
                str(_l("The same e-mail address is on line %(line)s.", line=seen[email])),
            )
        )
        return None
    if get_user_by_email(session, email) is not None:
        report.problems.append(
            RowProblem(
                number, "email", str(_l("An account with this e-mail address already exists."))
            )
        )
        return None
    seen[email] = number
    return role, ProfileStatus(status_value), data
