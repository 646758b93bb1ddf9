"""The staff dashboard's figures are kept per network for DASHBOARD_MAX_AGE_SECONDS (issue 16)."""

from __future__ import annotations

from flask import Flask

from mentornet.modules.profiles.models import ProfileRole, ProfileStatus
from mentornet.modules.reports.models import DashboardSnapshot
from mentornet.modules.reports.operations import cached_dashboard, dashboard
from mentornet.modules.tenants.operations import tenant_session

from helpers import ProfileFactory, UserFactory, coordinator_client


def _snapshot(app: Flask, tenant: str) -> tuple[int, object, int] | None:
    """(mentees counted, when computed, rows of the network) of the network's kept figures."""
    with app.test_request_context(f"/{tenant}/"), tenant_session(tenant) as (session, _tenant):
        rows = list(session.query(DashboardSnapshot))
        if not rows:
            return None
        mentees = next(c for c in rows[0].figures["members"] if c["role"] == "mentee")
        return mentees["members"], rows[0].computed_at, len(rows)


def test_the_dashboard_keeps_its_figures_per_network_until_they_are_too_old(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    make_profile("denmark", "mentee", ProfileStatus.APPROVED, email="amina@example.org")
    danish = coordinator_client(app, make_user)
    first = danish.get("/denmark/staff/")
    assert first.status_code == 200
    assert 'id="figures-computed"' in first.get_data(as_text=True)
    kept = _snapshot(app, "denmark")
    assert kept is not None and kept[0] == 1 and kept[2] == 1
    assert _snapshot(app, "morocco") is None  # nobody looked at Morocco's dashboard yet

    # A new member: the figures a few seconds old are still shown, and not computed again.
    make_profile("denmark", "mentee", ProfileStatus.APPROVED, email="eva@example.org")
    assert danish.get("/denmark/staff/").status_code == 200
    assert _snapshot(app, "denmark") == kept

    # Morocco's dashboard keeps figures of its own; Denmark's are not touched.
    moroccan = coordinator_client(app, make_user, "morocco")
    assert moroccan.get("/morocco/staff/").status_code == 200
    moroccan_kept = _snapshot(app, "morocco")
    assert moroccan_kept is not None and moroccan_kept[0] == 0 and moroccan_kept[2] == 1
    assert _snapshot(app, "denmark") == kept

    # Older than the setting allows: computed again, and kept again (still one row).
    app.config["DASHBOARD_MAX_AGE_SECONDS"] = 0
    assert danish.get("/denmark/staff/").status_code == 200
    fresh = _snapshot(app, "denmark")
    assert fresh is not None and fresh[0] == 2 and fresh[2] == 1
    assert fresh[1] > kept[1]  # type: ignore[operator]


def test_kept_figures_read_back_as_they_were_computed(
    app: Flask, make_profile: ProfileFactory
) -> None:
    make_profile("denmark", "mentee", ProfileStatus.APPROVED, email="amina@example.org")
    make_profile("denmark", "mentor", ProfileStatus.APPROVED, email="mette@example.org")
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, tenant):
        computed = cached_dashboard(session, tenant, max_age=300)
        session.commit()
        read_back = cached_dashboard(session, tenant, max_age=300)
        assert read_back.computed_at == computed.computed_at
        assert read_back.figures == computed.figures == dashboard(session, tenant)
        assert [c.role for c in read_back.figures.members] == [
            ProfileRole.MENTEE,
            ProfileRole.MENTOR,
        ]
