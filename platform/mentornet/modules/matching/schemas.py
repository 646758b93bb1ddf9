"""The matching console's forms: a proposal by hand, drafts to send, a withdrawal."""

from __future__ import annotations

from mentornet.core.schemas import List, RecordId, Schema, String, length


class ProposeSchema(Schema):
    mentor_id = RecordId(required=True)
    note = String(load_default="", validate=length(maximum=2000))


class PublishDraftsSchema(Schema):
    draft = List(RecordId(), load_default=list)


class WithdrawSchema(Schema):
    reason = String(load_default="", validate=length(maximum=1000))
