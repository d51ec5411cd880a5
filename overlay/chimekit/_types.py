"""Types shared by the client and its methods: the "not given" sentinel and the per-call options."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

import httpx


class NotGiven:
    """The default of arguments where ``None`` means something (``timeout=None``: no timeout)."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()
NO_BODY: Any = NOT_GIVEN
"""The default of a method's body (or query) dict: typed ``Any`` so that the parameter's type is exactly its
TypedDict (type checkers then name a misspelt key in their error)."""

TimeoutTypes = float | httpx.Timeout | None
Headers = Mapping[str, str]
Query = Mapping[str, Any]
Body = Mapping[str, Any]


class RequestOptions(TypedDict, total=False):
    """Keyword arguments every API method takes, for that one call (the names Stainless SDKs use)."""

    timeout: TimeoutTypes
    """Seconds or an ``httpx.Timeout`` instead of the client's (``None``: wait forever)."""
    extra_headers: Headers | None
    """Headers added to (or replacing) the client's."""
    extra_query: Query | None
    """Query parameters added, unchecked."""
    extra_body: Body | None
    """Top-level body fields added after the checks (for fields this SDK does not know yet)."""


__all__ = ["NOT_GIVEN", "NO_BODY", "Body", "Headers", "NotGiven", "Query", "RequestOptions", "TimeoutTypes"]
