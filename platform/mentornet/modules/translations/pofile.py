"""The network's texts and wording overrides of one locale as a gettext .po file, and back.

Export: one entry per text of the settings (msgctxt = its settings path, `goals.job.label`;
msgid = the text in the network's default locale; msgstr = the text in the exported locale) and
one per wording override (msgctxt = `core` or `core|<the core message's msgctxt>`; msgid the core
message's English source, plural forms included). Import reads such a file back: a report of
every change and every error with its line; nothing is saved while any error remains. The texts
are saved as one new settings version, the overrides through overrides.save_override.
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass, field
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.modules.tenants.models import Tenant
from mentornet.modules.tenants.operations import Author, change_tenant_settings
from mentornet.modules.translations import overrides as ops
from mentornet.modules.translations.content import content_texts, text_tables

CORE = "core"
# Texts with a page of their own (the privacy notice is published in versions) are not imported.
NOT_IMPORTED = ("privacy.", "slug", "status")
MAX_FILE_BYTES = 2_000_000


@dataclass
class Change:
    line: int
    where: str  # the msgctxt
    before: str
    after: str


@dataclass
class Problem:
    line: int
    where: str
    message: str


@dataclass
class ImportReport:
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    applied: bool = False
    texts: dict[str, str] = field(default_factory=dict)  # path -> new text
    overrides: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def export_po(session: Session, tenant: Tenant, locale: str) -> bytes:
    """The network's texts and overrides of one locale as a .po file."""
    if locale not in tenant.locales:
        raise DomainError(_l("Choose one of the network's languages."), field="locale")
    source = tenant.default_locale
    catalogue = Catalog(locale=locale, project=tenant.slug, charset="utf-8")
    for text in content_texts(tenant):
        msgid = text.texts.get(source, "")
        if msgid and not text.path.startswith(NOT_IMPORTED):
            catalogue.add(msgid, text.texts.get(locale, ""), context=text.path)
    for override in ops.list_overrides(session, locale):
        context = f"{CORE}|{override.context}" if override.context else CORE
        if override.msgid_plural:
            catalogue.add(
                (override.msgid, override.msgid_plural), tuple(override.forms), context=context
            )
        else:
            catalogue.add(override.msgid, override.forms[0], context=context)
    out = io.BytesIO()
    write_po(out, catalogue, width=100, omit_header=False)
    return out.getvalue()


def check_po(session: Session, tenant: Tenant, locale: str, data: bytes) -> ImportReport:
    """What importing the file would change, and every error with its line; saves nothing."""
    report = ImportReport()
    if locale not in tenant.locales:
        raise DomainError(_l("Choose one of the network's languages."), field="locale")
    if len(data) > MAX_FILE_BYTES:
        raise DomainError(_l("The file is too large."), field="file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        report.problems.append(Problem(line, "", str(_l("The file is not UTF-8 text."))))
        return report
    report.problems.extend(_syntax_problems(text))
    if report.problems:
        return report
    try:
        catalogue = read_po(io.StringIO(text), locale=locale, abort_invalid=True)
    except (PoFileError, ValueError) as error:
        line = getattr(error, "lineno", 0)
        report.problems.append(
            Problem(int(line) + 1 if line else 0, "", str(_l("This is not a valid .po file.")))
        )
        return report
    texts = {t.path: t for t in content_texts(tenant)}
    existing = {(o.context, o.msgid): o for o in ops.list_overrides(session, locale)}
    core = ops.core_messages(locale)
    for message in catalogue:
        if not message.id or message.fuzzy:
            continue  # the header; an entry the translator marked as needing work
        line = int(message.lineno or 0)
        where = message.context or ""
        strings = message.string if isinstance(message.string, tuple) else (message.string or "",)
        strings = tuple(str(s or "") for s in strings)
        if not any(strings):
            continue  # left untranslated: nothing to change
        if any(_control(s) for s in strings):
            report.problems.append(
                Problem(
                    line,
                    where,
                    str(_l("This text contains invisible control characters. Please remove them.")),
                )
            )
            continue
        if where == CORE or where.startswith(f"{CORE}|"):
            _check_override(report, message, line, where, strings, core, existing, locale)
        else:
            _check_text(report, tenant, texts, message, line, where, strings[0], locale)
    return report


def _check_text(
    report: ImportReport,
    tenant: Tenant,
    texts: dict[str, Any],
    message: Any,
    line: int,
    where: str,
    new: str,
    locale: str,
) -> None:
    known = texts.get(where)
    if known is None or where.startswith(NOT_IMPORTED):
        report.problems.append(Problem(line, where, str(_l("The network has no such text."))))
        return
    if not isinstance(message.id, str) or known.texts.get(tenant.default_locale, "") != message.id:
        report.problems.append(
            Problem(
                line, where, str(_l("The source text has changed since the file was exported."))
            )
        )
        return
    before = known.texts.get(locale, "")
    if new != before:
        report.changes.append(Change(line, where, before, new))
        report.texts[where] = new


def _check_override(
    report: ImportReport,
    message: Any,
    line: int,
    where: str,
    strings: tuple[str, ...],
    core: dict[tuple[str, str], ops.CoreMessage],
    existing: dict[tuple[str, str], Any],
    locale: str,
) -> None:
    context = where.split("|", 1)[1] if "|" in where else ""
    msgid = message.id if isinstance(message.id, str) else str(message.id[0])
    found = core.get((context, msgid))
    if found is None:
        report.problems.append(
            Problem(line, where, str(_l("There is no such core text in this language.")))
        )
        return
    forms = list(strings)
    for problem in ops.form_problems(found, locale, forms):
        report.problems.append(Problem(line, where, str(problem.message)))
        return
    current = existing.get((context, msgid))
    before = current.forms if current is not None else list(found.translation)
    if forms != list(before):
        report.changes.append(Change(line, where, " | ".join(before), " | ".join(forms)))
        report.overrides[(context, msgid)] = forms


def import_po(
    session: Session, tenant: Tenant, locale: str, data: bytes, *, actor: Author
) -> ImportReport:
    """check_po, then, when it found no error, save: the texts as one settings version, each
    override through save_override. Nothing is saved when there is any error."""
    report = check_po(session, tenant, locale, data)
    if not report.ok or not report.changes:
        return report
    if report.texts:
        document = copy.deepcopy(tenant.settings)
        sections: set[str] = set()
        for path, table in text_tables(document, "", frozenset(tenant.locales)):
            if path in report.texts:
                table[locale] = report.texts[path]
                sections.add(path.split(".")[0])
        change_tenant_settings(
            session,
            tenant,
            {section: document[section] for section in sorted(sections)},
            actor=actor,
            reason=f"translations imported from a .po file ({locale})",
        )
    for (context, msgid), forms in report.overrides.items():
        ops.save_override(
            session,
            tenant,
            actor_id=actor.id,
            locale=locale,
            context=context,
            msgid=msgid,
            forms=forms,
        )
    report.applied = True
    return report


_KEYWORD_LINE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\s+(".*")$')
_STRING = re.compile(r'^"(?:[^"\\]|\\.)*"$')


def _syntax_problems(text: str) -> list[Problem]:
    """Lines Babel's lenient reader would accept but that are no .po syntax: a string without
    its closing quote, an unknown keyword, text outside quotes."""
    problems = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        keyword = _KEYWORD_LINE.match(line)
        quoted = keyword.group(3) if keyword else line
        if not _STRING.match(quoted):
            problems.append(Problem(number, "", str(_l("This is not a valid .po file."))))
    return problems


def _control(text: str) -> bool:
    return any(
        (ord(c) < 32 and c not in "\n\r\t") or 0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF
        for c in text
    )
