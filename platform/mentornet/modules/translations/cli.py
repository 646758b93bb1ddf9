"""`mentornet translations extract|update|compile|status|check`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from mentornet.core.config import project_root
from mentornet.core.i18n import known_locale
from mentornet.modules.translations import operations


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
    if problems:
        sys.exit(1)
    click.echo("translations: ok")
