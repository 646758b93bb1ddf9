"""settings_diff: a readable list of what changed between two settings documents."""

from __future__ import annotations

from mentornet.modules.tenants.history import Change, settings_diff


def test_changed_added_and_removed_values_are_named_by_their_path() -> None:
    old = {"cycle": {"expected_months": 6, "check_in_interval_days": 30}, "locales": ["da", "en"]}
    new = {"cycle": {"expected_months": 9, "stalled_after_days": 40}, "locales": ["da", "en"]}
    assert settings_diff(old, new) == [
        Change("cycle.expected_months", 6, 9),
        Change("cycle.check_in_interval_days", 30, None),
        Change("cycle.stalled_after_days", None, 40),
    ]
    assert settings_diff(new, new) == []


def test_keyed_lists_are_compared_by_key_and_a_new_order_is_one_change() -> None:
    job = {"key": "job", "label": {"da": "Job"}}
    study = {"key": "study", "label": {"da": "Uddannelse"}}
    renamed = {"key": "study", "label": {"da": "Studier"}}
    network = {"key": "network", "label": {"da": "Netværk"}}
    assert settings_diff({"goals": [job, study]}, {"goals": [study, job]}) == [
        Change("goals.order", ["job", "study"], ["study", "job"])
    ]
    assert settings_diff({"goals": [job, study]}, {"goals": [job, renamed, network]}) == [
        Change("goals.study.label.da", "Uddannelse", "Studier"),
        Change("goals.network", None, network),
    ]
    assert settings_diff({"goals": [job, study]}, {"goals": [study]}) == [
        Change("goals.job", job, None)
    ]
