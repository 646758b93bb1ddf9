"""The core catalogues: extract, update, compile, and the checks CI runs on them."""

from __future__ import annotations

import re
import tempfile
import tomllib
from collections.abc import Mapping
from contextlib import chdir
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from mentornet.core.i18n import SOURCE_LOCALE, core_locales, forget_core_locales, term_family

DOMAIN = "messages"
KEYWORDS = [
    "_",
    "gettext",
    "ngettext:1,2",
    "pgettext:1c,2",
    "npgettext:1c,2,3",
    "_l",
    "lazy_gettext",
    "lazy_message",
    "lazy_ngettext:1,2",
    "lazy_pgettext:1c,2",
    "lazy_npgettext:1c,2,3",
    "_g",
    "_lg",
    "_t",
    "_lt",
    "gettext_terms",
    "lazy_gettext_terms",
    "ngettext_terms:1,2",
]
# Messages addressed to or about members (core/i18n.gendered_gettext): each is also extracted in the
# contexts "f" and "m", the network's audience gender, for the languages that need them.
GENDERED_KEYWORDS = ["_g", "_lg"]
GENDER_CONTEXTS = ("f", "m")
MessageText = str | tuple[str, ...] | list[str] | None
PLACEHOLDER = re.compile(r"%\((\w+)\)[#0\- +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{(\w*)\}")


@dataclass(frozen=True)
class LocaleStatus:
    locale: str
    translated: int
    total: int
    fuzzy: int

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def _run(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])  # type: ignore[no-untyped-call]


def template_path(translations: Path) -> Path:
    return translations / f"{DOMAIN}.pot"


def po_path(translations: Path, locale: str) -> Path:
    return translations / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(root: Path, output: Path) -> None:
    """Write the template of every marked string in the source to output."""
    _extract(root, output, KEYWORDS)
    with tempfile.TemporaryDirectory() as scratch:
        gendered = Path(scratch) / "gendered.pot"
        _extract(root, gendered, GENDERED_KEYWORDS)
        with output.open("rb") as pot:
            catalogue = read_po(pot)
        with gendered.open("rb") as pot:
            for message in read_po(pot):
                if not message.id:
                    continue
                for context in GENDER_CONTEXTS:
                    catalogue.add(
                        message.id,
                        locations=message.locations,
                        auto_comments=message.auto_comments,
                        context=context,
                        flags=message.flags,
                    )
        with output.open("wb") as pot:
            write_po(pot, catalogue, width=100, sort_by_file=True)


def _extract(root: Path, output: Path, keywords: list[str]) -> None:
    keyword_args = [arg for keyword in keywords for arg in ("-k", keyword)]
    # Run from the checkout so the template records relative source locations.
    with chdir(root):
        _run(
            "extract",
            "--no-default-keywords",
            *keyword_args,
            "-F",
            "babel.cfg",
            "--project",
            "Mentornet",
            "--copyright-holder",
            "Mentornet contributors",
            "--sort-by-file",
            "--add-comments",
            "Translators:",
            "-o",
            str(output.resolve()),
            "platform",
        )


def update(translations: Path, locales: tuple[str, ...] = ()) -> None:
    """Merge the template into every core catalogue and into the catalogues of `locales`
    (creating those that are missing: this is how a new core locale starts)."""
    locales = tuple(dict.fromkeys((*core_locales(translations), *locales)))
    template = template_path(translations)
    for locale in locales:
        if po_path(translations, locale).exists():
            _run(
                "update",
                "-i",
                str(template),
                "-d",
                str(translations),
                "-D",
                DOMAIN,
                "-l",
                locale,
                "--ignore-obsolete",
                "--no-fuzzy-matching",
            )
        else:
            _run("init", "-i", str(template), "-d", str(translations), "-D", DOMAIN, "-l", locale)
            forget_core_locales()
        _rewrap(po_path(translations, locale), locale)
    if SOURCE_LOCALE in locales:
        _fill_source_catalogue(po_path(translations, SOURCE_LOCALE))


def _rewrap(path: Path, locale: str) -> None:
    """pybabel writes lines of 76 characters; the catalogues are kept at 100, like every tool that
    writes them, so an update changes only what changed."""
    catalogue = read_catalogue(path, locale)
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=100)


def _fill_source_catalogue(path: Path) -> None:
    """The English catalogue translates every message to itself, so coverage is measurable."""
    catalogue = read_catalogue(path, SOURCE_LOCALE)
    for message in catalogue:
        if message.id and not _is_translated(message.string):
            message.string = message.id if isinstance(message.id, str) else tuple(message.id)
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=100)


def compile_catalogues(translations: Path, output: Path | None = None) -> None:
    """Compile every locale's catalogue to <output>/<locale>/LC_MESSAGES/messages.mo (by default
    next to the .po). Each file is written under a temporary name and renamed into place, so a
    process reading the catalogues never sees half a file."""
    for source in sorted(translations.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        locale = source.parent.parent.name
        target = (output or translations) / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        catalogue = read_catalogue(source, locale)
        with tempfile.NamedTemporaryFile("wb", dir=target.parent, delete=False) as handle:
            write_mo(handle, catalogue, use_fuzzy=False)
        Path(handle.name).replace(target)


def read_catalogue(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def status(translations: Path, locales: tuple[str, ...] = ()) -> list[LocaleStatus]:
    result = []
    locales = locales or core_locales(translations)
    for locale in locales:
        catalogue = read_catalogue(po_path(translations, locale), locale)
        messages = [m for m in catalogue if m.id]
        done = [m for m in messages if _is_translated(m.string) and not m.fuzzy]
        fuzzy = [m for m in messages if m.fuzzy]
        result.append(LocaleStatus(locale, len(done), len(messages), len(fuzzy)))
    return result


def stale_template_problems(root: Path, translations: Path) -> list[str]:
    """Differences between the committed template and what the source holds now."""
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / "fresh.pot"
        extract(root, fresh)
        want = _keys(read_catalogue(fresh))
    have = _keys(read_catalogue(template_path(translations)))
    problems = [
        f"not in messages.pot (run `mentornet translations extract`): {k!r}"
        for k in sorted(want - have, key=str)
    ]
    problems += [
        f"in messages.pot but no longer in the source: {k!r}" for k in sorted(have - want, key=str)
    ]
    return problems


def catalogue_problems(translations: Path, locale: str, min_percent: float) -> list[str]:
    """Placeholder mismatches, a wrong Plural-Forms header, messages missing from the catalogue
    and coverage below the threshold."""
    catalogue = read_catalogue(po_path(translations, locale), locale)
    problems: list[str] = []
    expected = get_plural(locale)
    if catalogue.plural_forms != expected.plural_forms:
        problems.append(
            f"{locale}: Plural-Forms is {catalogue.plural_forms!r}, expected {expected.plural_forms!r}"
        )
    template_keys = _keys(read_catalogue(template_path(translations)))
    missing = template_keys - _keys(catalogue)
    if missing:
        problems.append(
            f"{locale}: {len(missing)} messages of the template are missing (run `mentornet translations update`)"
        )
    for message in catalogue:
        if message.id and _is_translated(message.string) and not message.fuzzy:
            problems.extend(
                f"{locale}: {p}" for p in placeholder_problems(message.id, message.string)
            )
    state = next(s for s in status(translations, (locale,)))
    if state.percent + 1e-9 < min_percent:
        problems.append(
            f"{locale}: {state.percent:.1f}% translated, below the required {min_percent}%"
        )
    return problems


def reference_locales(tenants: Path) -> set[str]:
    """The locales the reference networks (tenants/*/tenant.toml) use."""
    found: set[str] = set()
    for pack in sorted(tenants.glob("*/tenant.toml")):
        with pack.open("rb") as handle:
            found.update(str(code) for code in tomllib.load(handle).get("locales", []))
    return found


def required_coverage(
    translations: Path,
    tenants: Path,
    default: float,
    reference: float,
    overrides: Mapping[str, float],
) -> dict[str, float]:
    """The minimum percent per core locale: its override, else `reference` when a reference network
    uses it, else `default`."""
    used = reference_locales(tenants)
    return {
        locale: float(overrides.get(locale, reference if locale in used else default))
        for locale in core_locales(translations)
    }


def placeholder_problems(msgid: MessageText, msgstr: MessageText) -> list[str]:
    """A translation must use exactly the source's named placeholders (plural forms may drop the
    number, as Arabic does for its one/two forms, but never add one)."""
    if msgid is None or msgstr is None:
        return []
    if isinstance(msgid, str):
        want, got = _placeholders(msgid), _placeholders(str(msgstr))
        return (
            []
            if want == got
            else [f"{msgid!r}: placeholders {sorted(got)} instead of {sorted(want)}"]
        )
    allowed = set().union(*(_placeholders(text) for text in msgid))
    problems = []
    for form in msgstr:
        extra = _placeholders(form) - allowed
        if extra:
            problems.append(f"{msgid[0]!r}: unknown placeholders {sorted(extra)} in {form!r}")
    return problems


def _placeholders(text: str) -> set[str]:
    """Named placeholders, a term's forms counted as the term (a translation may swap them)."""
    return {term_family(m.group(1) or m.group(2) or m.group(0)) for m in PLACEHOLDER.finditer(text)}


def _is_translated(string: MessageText) -> bool:
    if string is None:
        return False
    return all(string) if isinstance(string, tuple) else bool(string)


def _keys(catalogue: Catalog) -> set[tuple[str | tuple[str, ...], str | None]]:
    return {(m.id if isinstance(m.id, str) else tuple(m.id), m.context) for m in catalogue if m.id}
