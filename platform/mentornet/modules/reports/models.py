"""The network's dashboard figures as last computed (a cache shared by every worker)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mentornet.core.db import Base
from mentornet.core.tenancy import TenantScoped
from mentornet.core.types import utcnow


class DashboardSnapshot(TenantScoped, Base):
    """One row per network: the staff dashboard's figures and when they were computed.

    Nothing here is a record of its own: every figure is computed again from the network's
    tables when the row is older than DASHBOARD_MAX_AGE_SECONDS (reports/operations.py).
    """

    __tablename__ = "dashboard_snapshots"
    __tenant_table_args__ = (UniqueConstraint("tenant_id", name="uq_dashboard_snapshots_tenant"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
