"""`mentornet translations extract|update|compile|status|check|flag-overrides`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.exc import SQLAlchemyError

from mentornet.core.config import project_root
from mentornet.core.i18n import known_locale
from mentornet.modules.translations import operations, overrides


def _dir() -> Path:
    return Path(current_app.config["TRANSLATIONS_DIR"])


@click.group("translations")
def translations_group() -> None:
    """The core gettext catalogues in translations/."""


@translations_group.command("extract")
@with_appcontext
def extract() -> None:
    """Rewrite translations/messages.pot from the source."""
    operations.extract(project_root(), operations.template_path(_dir()))
    click.echo(f"written {operations.template_path(_dir())}")


@translations_group.command("update")
@click.option(
    "--locale",
    "locales",
    multiple=True,
    help="Also create this locale's catalogue if it has none (a new core locale).",
)
@with_appcontext
def update(locales: tuple[str, ...]) -> None:
    """Merge messages.pot into every locale's catalogue."""
    for locale in locales:
        if not known_locale(locale):
            raise click.BadParameter(
                f"{locale!r} is not a locale known to CLDR", param_hint="--locale"
            )
    operations.update(_dir(), locales)


@translations_group.command("compile")
@with_appcontext
def compile_() -> None:
    """Compile the .po catalogues to the .mo files the app reads."""
    output = current_app.config["TRANSLATIONS_COMPILED_DIR"]
    operations.compile_catalogues(_dir(), Path(output) if output else None)


@translations_group.command("status")
@with_appcontext
def status() -> None:
    """How much of each locale is translated."""
    for state in operations.status(_dir()):
        click.echo(
            f"{state.locale}: {state.translated}/{state.total} ({state.percent:.1f}%), {state.fuzzy} fuzzy"
        )


@translations_group.command("check")
@with_appcontext
def check() -> None:
    """Fail on a stale template, a placeholder mismatch, a bad Plural-Forms or low coverage."""
    problems = operations.stale_template_problems(project_root(), _dir())
    config = current_app.config
    required = operations.required_coverage(
        _dir(),
        Path(config["TENANTS_DIR"]),
        config["TRANSLATION_MIN_COVERAGE"],
        config["TRANSLATION_REFERENCE_COVERAGE"],
        config["TRANSLATION_COVERAGE_OVERRIDES"],
    )
    for locale, minimum in required.items():
        problems += operations.catalogue_problems(_dir(), locale, minimum)
    for problem in problems:
        click.echo(problem, err=True)
    _flag_overrides()
    if problems:
        sys.exit(1)
    click.echo("translations: ok")


@translations_group.command("flag-overrides")
@with_appcontext
def flag_overrides() -> None:
    """Mark the networks' wording overrides whose core text changed as outdated (at start-up)."""
    _flag_overrides()


def _flag_overrides() -> None:
    """Report the outdated overrides of every network; a database that cannot be read (no
    migrations yet, as when the catalogues are checked alone) is said, not an error."""
    try:
        found = overrides.flag_outdated_everywhere(_dir())
    except SQLAlchemyError as error:
        click.echo(
            f"overrides: not checked, the database could not be read ({type(error).__name__})"
        )
        return
    for slug, outdated in found.items():
        for override in outdated:
            click.echo(
                f"{slug}: outdated override {override.locale} {override.context!r} {override.msgid!r}",
                err=True,
            )
    click.echo(f"overrides: {sum(len(found_) for found_ in found.values())} outdated")
