"""ISCO-08 and ISCED data shipped with the package, searchable in every reference language."""

from __future__ import annotations

from collections import Counter

import pytest
from flask.testing import FlaskClient

from mentornet.modules.profiles.classifications import (
    isced_fields,
    isced_levels,
    isco,
    occupation_path,
    search_occupations,
)


def test_isco_08_is_complete_with_its_hierarchy() -> None:
    groups = isco()
    assert Counter(len(code) for code in groups) == {1: 10, 2: 43, 3: 130, 4: 436}
    for code, group in groups.items():
        assert group.parent_code is None or group.parent_code in groups, code
        assert all(group.labels.get(locale) for locale in ("en", "da", "fr", "ar")), code
    assert [g.code for g in occupation_path("2221")] == ["2", "22", "222", "2221"]


def test_isced_levels_and_fields() -> None:
    assert sorted(isced_levels()) == [str(n) for n in range(9)]
    fields = isced_fields()
    assert sum(len(code) == 2 for code in fields) == 11
    assert all(code[:-1] in fields for code in fields if len(code) > 2)
    assert fields["0913"].labels["en"] == "Nursing and midwifery"


@pytest.mark.parametrize(
    ("query", "locale"), [("sygepl", "da"), ("infirmi", "fr"), ("nursing", "en"), ("2221", "ar")]
)
def test_occupations_are_found_by_title_in_the_current_language(query: str, locale: str) -> None:
    assert "2221" in [group.code for group in search_occupations(query, locale)]


def test_search_ignores_case_and_accents() -> None:
    assert [g.code for g in search_occupations("INFIRMIERS", "fr")] == [
        g.code for g in search_occupations("infirmiers", "fr")
    ]


def test_the_form_offers_occupations_countries_and_languages_in_the_page_language(
    client: FlaskClient,
) -> None:
    html = client.get("/morocco/apply/mentee?lang=ar").get_data(as_text=True)
    assert isco()["2221"].labels["ar"] in html  # the occupation list, without JavaScript
    assert "الصومال" in html  # Somalia, from CLDR
    assert "العربية" in html
    assert '<datalist id="isco-options">' in html
