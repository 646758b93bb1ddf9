"""Every kind of audit entry the code writes has a title on the audit log viewer."""

from __future__ import annotations

import re

from mentornet.modules.audit.kinds import KIND_TITLES

from helpers import ROOT

# record(..., action="x", ...) and the accounts module's _audit(session, actor, "x", ...).
WRITTEN = re.compile(r'action="([a-z_]+)"|_audit\(\s*[^,]+,\s*[^,]+,\s*"([a-z_]+)"')
# Codes passed through a variable: privacy's export (action=...) and erasure.
INDIRECT = {"data_exported", "account_erased"}


def test_every_kind_written_has_a_title() -> None:
    written = set(INDIRECT)
    for path in (ROOT / "platform" / "mentornet" / "modules").rglob("*.py"):
        for match in WRITTEN.finditer(path.read_text(encoding="utf-8")):
            written.add(match.group(1) or match.group(2))
    assert len(written) > 20  # the pattern finds the calls
    assert sorted(written - set(KIND_TITLES)) == []
