"""Path parameters: an <int:...> in a route is a row id that the database can hold."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter, Map

from mentornet.core.schemas import MAX_RECORD_ID


class RecordIdConverter(IntegerConverter):
    """Every <int:...> of every route: ASCII digits only (int() also reads "٣" and "²") and no
    larger than the largest id a row can have; anything else does not match, so the page is not
    found (never an overflow in the database)."""

    regex = r"[0-9]+"

    def __init__(
        self,
        map: Map,  # werkzeug names its parameters after builtins
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = MAX_RECORD_ID,
        signed: bool = False,
    ) -> None:
        super().__init__(map, fixed_digits, min, max, signed)
