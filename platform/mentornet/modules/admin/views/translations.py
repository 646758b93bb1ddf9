"""Translation pages for translators and administrators: the status of each of the network's
languages, and its wording overrides of core texts (docs/languages.md, "Wording overrides")."""

from __future__ import annotations

import copy
import gettext as gnu_gettext
from functools import cache
from typing import Any

import sqlalchemy as sa
from babel.messages.plurals import get_plural
from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from marshmallow import Schema as MarshmallowSchema

from mentornet.core.errors import DomainError
from mentornet.core.i18n import current_locale
from mentornet.core.permissions import ADMIN, TRANSLATOR
from mentornet.core.schemas import Schema, String, length
from mentornet.extensions import db
from mentornet.modules.admin.editing import SettingsForm, opened_form, save_settings, submitted_form
from mentornet.modules.admin.views import Route, Section
from mentornet.modules.tenants.models import TenantSettingsVersion
from mentornet.modules.translations import overrides as ops
from mentornet.modules.translations import pofile
from mentornet.modules.translations.content import (
    HISTORY_LIMIT,
    MISSING,
    OUTDATED,
    TRANSLATED,
    content_rows,
    content_status,
    text_tables,
)
from mentornet.web.boundary import refusal_goes_to, refusal_shows_form
from mentornet.web.forms import FormResult, flash_errors, parse_form, parse_query

TRANSLATORS = frozenset({ADMIN, TRANSLATOR})
OVERRIDES = "admin.translation_overrides"


class SearchSchema(Schema):
    locale = String(single_line=True, validate=length(maximum=10))
    q = String(single_line=True, validate=length(maximum=200))


class MessageSchema(Schema):
    locale = String(single_line=True, required=True, validate=length(maximum=10))
    context = String(single_line=True, validate=length(maximum=200), load_default="")
    msgid = String(required=True, validate=length(maximum=ops.MAX_FORM_LENGTH))


SEARCH_LABELS = {"locale": _l("Language"), "q": _l("Search the core texts")}


def status() -> ResponseReturnValue:
    """Per language of the network: core texts, the network's own texts, overrides."""
    content = content_status(g.tenant)
    documents = _settings_history()
    every = ops.list_overrides(db.session)
    rows = []
    for loc in g.tenant.locales:
        mine = [o for o in every if o.locale == loc]
        catalogue = ops.core_messages(loc)
        done = sum(1 for m in catalogue.values() if all(m.translation))
        outdated_texts = 0
        if loc != g.tenant.default_locale:
            texts = content_rows(g.tenant, documents, g.tenant.default_locale, loc)
            outdated_texts = sum(1 for row in texts if row.state == OUTDATED)
        rows.append(
            {
                "locale": loc,
                "core_done": done,
                "core_total": len(catalogue),
                "content": content[loc],
                "content_outdated": outdated_texts,
                "overrides": len(mine),
                "outdated": sum(1 for o in mine if ops.is_outdated(o, catalogue)),
            }
        )
    return render_template("admin/translations.html", rows=rows)


def _settings_history() -> list[dict[str, Any]]:
    """The settings documents of the latest versions, oldest first, ending with the current one."""
    history = db.session.scalars(
        sa.select(TenantSettingsVersion.settings)
        .order_by(TenantSettingsVersion.version.desc())
        .limit(HISTORY_LIMIT)
    ).all()
    return [*reversed(history), g.tenant.settings]


def overrides() -> ResponseReturnValue:
    """The network's overrides in one language, and a search of the core texts to reword."""
    form = parse_query(SearchSchema())
    if not form.ok:
        flash_errors(form, SEARCH_LABELS)
    chosen = form.data if form.ok else {}
    locale = _chosen_locale(chosen.get("locale"))
    query = chosen.get("q", "")
    existing = ops.list_overrides(db.session, locale)
    catalogue = ops.core_messages(locale)
    by_key = {(o.context, o.msgid): o for o in existing}
    return render_template(
        "admin/translation_overrides.html",
        form=form,
        labels=SEARCH_LABELS,
        locale=locale,
        locales=g.tenant.locales,
        query=query,
        results=ops.search_core(locale, query) if query else [],
        existing=existing,
        by_key=by_key,
        outdated={o.id for o in existing if ops.is_outdated(o, catalogue)},
        catalogue=catalogue,
    )


def edit_override() -> ResponseReturnValue:
    """Reword one core text in one language: every plural form, with the core text beside."""
    if request.method != "POST":
        message_form = parse_query(MessageSchema())
        if not message_form.ok:
            abort(404)
        locale = _network_locale(message_form.data["locale"])
        message = _message_or_404(locale, message_form.data["context"], message_form.data["msgid"])
        found = ops.find_override(db.session, locale, message.context, message.msgid)
        values = {**message_form.values}
        for index, text in enumerate(found.forms if found else []):
            values[f"form_{index}"] = text
        return _render_edit(FormResult(values=values), locale, message, 200)
    key_form = parse_form(MessageSchema())
    if not key_form.ok:
        abort(400)
    locale = _network_locale(key_form.data["locale"])
    message = _message_or_404(locale, key_form.data["context"], key_form.data["msgid"])
    form = parse_form(_forms_schema(_form_count(locale, message)))
    form.values.update(key_form.values)
    if not form.ok:
        return _render_edit(form, locale, message, 422)
    refusal_shows_form(form, lambda: _render_edit(form, locale, message, 422))
    forms = [form.data.get(f"form_{index}", "") for index in range(_form_count(locale, message))]
    ops.save_override(
        db.session,
        g.tenant,
        actor_id=current_user.id,
        locale=locale,
        context=message.context,
        msgid=message.msgid,
        forms=forms,
    )
    flash(
        _("The new wording has been saved. Pages show it from the next one that is opened."),
        "success",
    )
    return redirect(url_for(OVERRIDES, locale=locale), 303)


def revert_override() -> ResponseReturnValue:
    """Delete an override: the core text applies again."""
    key_form = parse_form(MessageSchema())
    if not key_form.ok:
        abort(400)
    locale = _network_locale(key_form.data["locale"])
    refusal_goes_to(url_for(OVERRIDES, locale=locale))
    ops.revert_override(
        db.session,
        g.tenant,
        actor_id=current_user.id,
        locale=locale,
        context=key_form.data["context"],
        msgid=key_form.data["msgid"],
    )
    flash(_("The core text applies again."), "success")
    return redirect(url_for(OVERRIDES, locale=locale), 303)


def po_files() -> ResponseReturnValue:
    """Download the network's texts and overrides of a language as .po, or upload one."""
    return _render_po(None, _chosen_locale(request.args.get("locale")), "")


def export_po() -> ResponseReturnValue:
    locale = _network_locale(request.args.get("locale", ""))
    data = pofile.export_po(db.session, g.tenant, locale)
    response = Response(data, mimetype="text/x-gettext-translation")
    response.headers["Content-Disposition"] = f'attachment; filename="{g.tenant.slug}-{locale}.po"'
    return response


def import_po() -> ResponseReturnValue:
    """`action=preview` with an uploaded file: the report, nothing saved, the text carried on;
    `action=apply` with that text: saved when the file has no error, else the report again."""
    locale = _network_locale(request.form.get("locale", ""))
    refusal_goes_to(url_for("admin.translation_po_files", locale=locale))
    if request.form.get("action") == "apply":
        text = request.form.get("po_text", "")
        if not text:
            raise DomainError(_l("Choose a .po file."), field="file")
        report = pofile.import_po(
            db.session, g.tenant, locale, text.encode("utf-8"), actor=current_user
        )
        if report.applied:
            flash(
                ngettext(
                    "%(num)d change has been saved.",
                    "%(num)d changes have been saved.",
                    len(report.changes),
                ),
                "success",
            )
            return redirect(url_for("admin.translation_po_files", locale=locale), 303)
        return _render_po(report, locale, text), 422 if report.problems else 200
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise DomainError(_l("Choose a .po file."), field="file")
    data = upload.stream.read(pofile.MAX_FILE_BYTES + 1)
    report = pofile.check_po(db.session, g.tenant, locale, data)
    text = data.decode("utf-8") if report.ok else ""
    return _render_po(report, locale, text), 200 if report.ok else 422


def _render_po(report: pofile.ImportReport | None, locale: str, text: str) -> str:
    return render_template(
        "admin/translation_po.html",
        report=report,
        locale=locale,
        locales=g.tenant.locales,
        text=text,
    )


def content() -> ResponseReturnValue:
    """The network's own texts side by side: a source language beside a target language, each
    text missing, translated or outdated; saved as one settings version."""
    pair = request.form if request.method == "POST" else request.args
    source, target = _language_pair(pair.get("source"), pair.get("target"))
    if request.method != "POST":
        return _render_content(opened_form(), source, target, 200)
    form = submitted_form()
    changes = _edited_texts(target)
    if not changes:
        flash(_("Nothing was changed."), "success")
        return redirect(url_for("admin.translation_content", source=source, target=target), 303)
    save_settings(form, changes, lambda f, code: _render_content(f, source, target, code))
    flash(_("The translations have been saved."), "success")
    return redirect(url_for("admin.translation_content", source=source, target=target), 303)


def _language_pair(source: str | None, target: str | None) -> tuple[str, str]:
    locales = list(g.tenant.locales)
    chosen_source = source if source in locales else g.tenant.default_locale
    others = [loc for loc in locales if loc != chosen_source] or locales
    chosen_target = target if target in locales and target != chosen_source else others[0]
    return str(chosen_source), str(chosen_target)


def _edited_texts(target: str) -> dict[str, Any]:
    """The sections whose texts in `target` the form changes (the privacy notice excepted: it is
    published on its own page); an emptied text is removed, which the pack schema refuses."""
    document = copy.deepcopy(g.tenant.settings)
    sections: set[str] = set()
    for path, table in text_tables(document, "", frozenset(g.tenant.locales)):
        name = f"text.{path}"
        if name not in request.form or path.startswith(pofile.NOT_IMPORTED):
            continue
        new = request.form[name].replace("\r\n", "\n").strip()
        if new == table.get(target, ""):
            continue
        if new:
            table[target] = new
        else:
            table.pop(target, None)
        sections.add(path.split(".")[0])
    return {section: document[section] for section in sorted(sections)}


def _render_content(form: SettingsForm, source: str, target: str, code: int) -> ResponseReturnValue:
    documents = _settings_history()
    rows = [
        row
        for row in content_rows(g.tenant, documents, source, target)
        if not row.path.startswith(pofile.NOT_IMPORTED)
    ]
    page = render_template(
        "admin/translation_content.html",
        form=form,
        rows=rows,
        source=source,
        target=target,
        locales=g.tenant.locales,
        counts={
            state: sum(1 for r in rows if r.state == state)
            for state in (MISSING, OUTDATED, TRANSLATED)
        },
    )
    return page, code


def _chosen_locale(wanted: str | None) -> str:
    """The language asked for if it is one of the network's, else the page's, else the first
    that is not the source language."""
    locales = list(g.tenant.locales)
    if wanted in locales:
        return str(wanted)
    here = current_locale()
    return here if here in locales else locales[0]


def _network_locale(wanted: str) -> str:
    if wanted not in g.tenant.locales:
        abort(404)
    return wanted


def _message_or_404(locale: str, context: str, msgid: str) -> ops.CoreMessage:
    message = ops.core_messages(locale).get((context, msgid))
    if message is None:
        abort(404)
    return message


def _form_count(locale: str, message: ops.CoreMessage) -> int:
    return ops.plural_count(locale) if message.plural else 1


def _forms_schema(count: int) -> MarshmallowSchema:
    fields: dict[str, Any] = {
        f"form_{index}": String(required=True, validate=length(maximum=ops.MAX_FORM_LENGTH))
        for index in range(count)
    }
    return Schema.from_dict(fields)()


@cache
def plural_examples(locale: str) -> tuple[int, ...]:
    """For each plural form of a locale, the smallest count that uses it (0, 1, 2, 3, 11, 100
    in Arabic), so the page can say which form is which."""
    rule = gnu_gettext.c2py(get_plural(locale).plural_expr)
    examples: dict[int, int] = {}
    for number in (*range(0, 200), 1000000):
        examples.setdefault(int(rule(number)), number)
    return tuple(examples.get(index, 0) for index in range(get_plural(locale).num_plurals))


def _render_edit(
    form: FormResult, locale: str, message: ops.CoreMessage, code: int
) -> ResponseReturnValue:
    count = _form_count(locale, message)
    labels: dict[str, Any] = {}
    for index in range(count):
        labels[f"form_{index}"] = (
            _("Form used for %(example)s", example=plural_examples(locale)[index])
            if message.plural
            else _("New wording")
        )
    page = render_template(
        "admin/translation_override.html",
        form=form,
        labels=labels,
        locale=locale,
        message=message,
        count=count,
        existing=ops.find_override(db.session, locale, message.context, message.msgid),
    )
    return page, code


SECTION = Section(_l("Translations"), "translations", 17)
ROUTES = [
    Route("/translations", "translations", status, allowed=TRANSLATORS),
    Route("/translations/overrides", "translation_overrides", overrides, allowed=TRANSLATORS),
    Route(
        "/translations/overrides/edit",
        "edit_translation_override",
        edit_override,
        methods=("GET", "POST"),
        allowed=TRANSLATORS,
    ),
    Route(
        "/translations/content",
        "translation_content",
        content,
        methods=("GET", "POST"),
        allowed=TRANSLATORS,
    ),
    Route("/translations/po", "translation_po_files", po_files, allowed=TRANSLATORS),
    Route("/translations/po/export", "export_translation_po", export_po, allowed=TRANSLATORS),
    Route(
        "/translations/po/import",
        "import_translation_po",
        import_po,
        methods=("POST",),
        allowed=TRANSLATORS,
    ),
    Route(
        "/translations/overrides/revert",
        "revert_translation_override",
        revert_override,
        methods=("POST",),
        allowed=TRANSLATORS,
    ),
]
