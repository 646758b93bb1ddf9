"""The coordinators' front page: the applicants badge counts the whole intake queue."""

from __future__ import annotations

import re

from flask import Flask

from mentornet.modules.profiles.models import ProfileStatus

from helpers import ProfileFactory, UserFactory, coordinator_client


def _badge(html: str) -> str | None:
    match = re.search(r'Ansøgere</a> <span class="badge">([^<]+)</span>', html)
    return match.group(1) if match else None


def test_the_applicants_badge_counts_everyone_in_intake_beyond_the_list_limit(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    statuses = [ProfileStatus.APPLIED, ProfileStatus.INFO_MEETING, ProfileStatus.INTERVIEWED]
    for n in range(201):  # the queue page lists 200 at most
        make_profile("denmark", "mentee", status=statuses[n % 3], email=f"a{n}@example.org")
    make_profile("denmark", "mentee", status=ProfileStatus.APPROVED, email="pool@example.org")
    make_profile("morocco", "mentee", email="other@example.org")  # another network
    html = coordinator_client(app, make_user).get("/denmark/staff/").get_data(as_text=True)
    assert _badge(html) == "201"
