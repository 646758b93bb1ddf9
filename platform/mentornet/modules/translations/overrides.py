"""A network's wording overrides of core strings (anchor: Discourse's site texts).

An override is the network's text of one core message (msgctxt + msgid) in one locale, every
plural form. The request's translations look it up before the core catalogue
(core/i18n.py, `LayeredTranslations`). Each worker caches a network's overrides per locale, keyed
by `tenants.overrides_version`: every change writes a new random number there, the tenant row is
read by every request anyway, so a worker sees the change on its next request and reloads.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from babel.messages.plurals import get_plural
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.core.i18n import OverrideTable
from mentornet.core.schemas import CONTROL_CHARACTERS
from mentornet.extensions import db
from mentornet.modules.audit import operations as audit
from mentornet.modules.tenants.models import Tenant
from mentornet.modules.tenants.operations import list_tenants, tenant_session
from mentornet.modules.translations.models import TranslationOverride
from mentornet.modules.translations.operations import (
    PLACEHOLDER,
    _placeholders,
    po_path,
    read_catalogue,
)

MAX_FORM_LENGTH = 5000
SEARCH_LIMIT = 50


@dataclass(frozen=True)
class CoreMessage:
    """One message of a core catalogue: its source and its translation in that locale."""

    context: str  # "" without msgctxt
    msgid: str
    msgid_plural: str
    translation: tuple[str, ...]  # one text, or one per plural form; "" where untranslated

    @property
    def plural(self) -> bool:
        return bool(self.msgid_plural)

    @property
    def key(self) -> tuple[str, str]:
        return (self.context, self.msgid)


# ---- the core catalogues, read from the .po files (cached by path and modification time) ----

_CATALOGUES: dict[Path, tuple[float, dict[tuple[str, str], CoreMessage]]] = {}


def translations_dir() -> Path:
    return Path(current_app.config["TRANSLATIONS_DIR"])


def core_messages(locale: str, folder: Path | None = None) -> dict[tuple[str, str], CoreMessage]:
    """Every message of the locale's core catalogue by (context, msgid)."""
    path = po_path(folder or translations_dir(), locale)
    if not path.exists():
        return {}
    stamp = path.stat().st_mtime
    cached = _CATALOGUES.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    messages: dict[tuple[str, str], CoreMessage] = {}
    for message in read_catalogue(path, locale):
        if not message.id:
            continue
        if isinstance(message.id, str):
            msgid, plural = message.id, ""
            translation: tuple[str, ...] = (str(message.string or ""),)
        else:
            msgid, plural = str(message.id[0]), str(message.id[1])
            translation = tuple(str(form or "") for form in (message.string or ()))
        if message.fuzzy:
            translation = tuple("" for _ in translation)
        core = CoreMessage(message.context or "", msgid, plural, translation)
        messages[core.key] = core
    _CATALOGUES[path] = (stamp, messages)
    return messages


def plural_count(locale: str) -> int:
    return int(get_plural(locale).num_plurals)


def search_core(locale: str, query: str, limit: int = SEARCH_LIMIT) -> list[CoreMessage]:
    """Core messages whose English source or current translation contains the query (any case)."""
    wanted = query.strip().casefold()
    if not wanted:
        return []
    found = []
    for message in core_messages(locale).values():
        texts = (message.msgid, message.msgid_plural, *message.translation)
        if any(wanted in text.casefold() for text in texts):
            found.append(message)
            if len(found) >= limit:
                break
    return found


# ---- reading and writing overrides ----


def list_overrides(session: Session, locale: str | None = None) -> list[TranslationOverride]:
    query = sa.select(TranslationOverride).order_by(
        TranslationOverride.locale, TranslationOverride.msgid, TranslationOverride.context
    )
    if locale is not None:
        query = query.where(TranslationOverride.locale == locale)
    return list(session.scalars(query))


def find_override(
    session: Session, locale: str, context: str, msgid: str
) -> TranslationOverride | None:
    return session.scalars(
        sa.select(TranslationOverride).where(
            TranslationOverride.locale == locale,
            TranslationOverride.context == context,
            TranslationOverride.msgid == msgid,
        )
    ).one_or_none()


def source_of(message: CoreMessage) -> dict[str, Any]:
    return {
        "msgid": message.msgid,
        "msgid_plural": message.msgid_plural,
        "translation": list(message.translation),
    }


def is_outdated(override: TranslationOverride, core: dict[tuple[str, str], CoreMessage]) -> bool:
    """The core message is gone, or its source or translation is not what the override was
    written against."""
    message = core.get((override.context, override.msgid))
    return message is None or source_of(message) != override.source_text


def core_message(locale: str, context: str, msgid: str) -> CoreMessage:
    message = core_messages(locale).get((context, msgid))
    if message is None:
        raise DomainError(_l("There is no such core text in this language."), field="msgid")
    return message


def form_problems(message: CoreMessage, locale: str, forms: list[str]) -> list[DomainError]:
    """What is wrong with the texts of an override, each naming its field (`form_<n>`)."""
    wanted = plural_count(locale) if message.plural else 1
    if len(forms) != wanted:
        return [DomainError(_l("Give every form of this text."), field="form_0")]
    problems = []
    source = _placeholders(message.msgid) | _placeholders(message.msgid_plural)
    for index, text in enumerate(forms):
        field = f"form_{index}"
        if not text.strip():
            problems.append(DomainError(_l("Enter the text."), field=field))
        elif len(text) > MAX_FORM_LENGTH:
            problems.append(
                DomainError(
                    _l("Enter at most %(max)s characters.", max=MAX_FORM_LENGTH), field=field
                )
            )
        elif any(char in text for char in _control_characters(text)):
            problems.append(DomainError(CONTROL_CHARACTERS, field=field))
        elif not _placeholders_match(source, _placeholders(text), message.plural):
            problems.append(
                DomainError(
                    _l(
                        "Use exactly the placeholders of the core text: %(placeholders)s.",
                        placeholders=_shown(message) or "—",
                    ),
                    field=field,
                )
            )
    return problems


def _shown(message: CoreMessage) -> str:
    """The core text's placeholders as written in it ("%(name)s, {count}")."""
    tokens = {m.group(0) for m in PLACEHOLDER.finditer(message.msgid + " " + message.msgid_plural)}
    # Each in a left-to-right isolate (U+2066 ... U+2069), so "%(name)s" reads whole in Arabic.
    return ", ".join(f"\u2066{token}\u2069" for token in sorted(tokens))


def _control_characters(text: str) -> set[str]:
    return {
        c
        for c in text
        if (ord(c) < 32 and c not in "\n\r") or 0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF
    }


def _placeholders_match(source: set[str], used: set[str], plural: bool) -> bool:
    """The same placeholders as the core text; a plural form may leave out the number (Arabic
    writes "one" and "two" in words), never add one."""
    if not plural:
        return used == source
    return used <= source and (source - used) <= {"num", "%d", "%s"}


def save_override(
    session: Session,
    tenant: Tenant,
    *,
    actor_id: int | None,
    locale: str,
    context: str,
    msgid: str,
    forms: list[str],
) -> TranslationOverride:
    """Create or change the network's wording of a core message; refused with the field named."""
    if locale not in tenant.locales:
        raise DomainError(_l("Choose one of the network's languages."), field="locale")
    message = core_message(locale, context, msgid)
    problems = form_problems(message, locale, forms)
    if problems:
        raise problems[0]
    override = find_override(session, locale, context, msgid)
    if override is None:
        override = TranslationOverride(locale=locale, context=context, msgid=msgid)
        session.add(override)
    override.msgid_plural = message.msgid_plural
    override.forms = list(forms)
    override.source_text = source_of(message)
    override.author_id = actor_id
    override.outdated = False
    session.flush()
    audit.record(
        session,
        actor_id=actor_id,
        action="translation_override_saved",
        subject_type="translation_override",
        subject_id=override.id,
        detail=f"{locale} {context}|{msgid}"[:500],
    )
    _changed(session, tenant)
    return override


def revert_override(
    session: Session, tenant: Tenant, *, actor_id: int | None, locale: str, context: str, msgid: str
) -> None:
    """Delete the override: the core text applies again."""
    override = find_override(session, locale, context, msgid)
    if override is None:
        raise DomainError(_l("This text has no override."), field="msgid")
    audit.record(
        session,
        actor_id=actor_id,
        action="translation_override_reverted",
        subject_type="translation_override",
        subject_id=override.id,
        detail=f"{locale} {context}|{msgid}"[:500],
    )
    session.delete(override)
    session.flush()
    _changed(session, tenant)


def _changed(session: Session, tenant: Tenant) -> None:
    """A new overrides version: every worker's cached overrides of this network are stale."""
    version = secrets.randbits(62) or 1
    session.execute(
        sa.update(Tenant).where(Tenant.id == tenant.id).values(overrides_version=version)
    )
    tenant.overrides_version = version
    session.flush()


def flag_outdated(session: Session, folder: Path | None = None) -> list[TranslationOverride]:
    """Mark the session's network's overrides outdated or current against the core catalogues;
    the outdated ones. Changes no override's text."""
    outdated = []
    catalogues: dict[str, dict[tuple[str, str], CoreMessage]] = {}
    for override in list_overrides(session):
        core = catalogues.setdefault(override.locale, core_messages(override.locale, folder))
        stale = is_outdated(override, core)
        if override.outdated != stale:
            override.outdated = stale
        if stale:
            outdated.append(override)
    session.flush()
    return outdated


def flag_outdated_everywhere(folder: Path | None = None) -> dict[str, list[TranslationOverride]]:
    """flag_outdated for every network, each in its own tenant-bound session, committed; the
    outdated overrides by network slug (`mentornet translations check`, and at start-up)."""
    lister = db.new_session()  # the tenants table belongs to no network
    try:
        slugs = [tenant.slug for tenant in list_tenants(lister)]
    finally:
        lister.close()
    found = {}
    for slug in slugs:
        with tenant_session(slug) as (session, _tenant):
            outdated = flag_outdated(session, folder)
            session.commit()
            if outdated:
                found[slug] = outdated
    return found


# ---- the lookup of a request: per network and locale, cached in the worker ----

_CACHE: dict[tuple[int, str], tuple[int, OverrideTable]] = {}


def override_table(tenant: Tenant, locale: str) -> OverrideTable | None:
    """The network's overrides in a locale for LayeredTranslations, or None when it has none."""
    version = int(tenant.overrides_version or 0)
    if version == 0 or locale == "":
        return None
    key = (tenant.id, locale)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    rows = db.session.execute(
        sa.select(
            TranslationOverride.context, TranslationOverride.msgid, TranslationOverride.forms
        ).where(TranslationOverride.tenant_id == tenant.id, TranslationOverride.locale == locale)
    )
    table: dict[tuple[str | None, str], list[str]] = {
        (context or None, msgid): list(forms) for context, msgid, forms in rows
    }
    _CACHE[key] = (version, table)
    return table
