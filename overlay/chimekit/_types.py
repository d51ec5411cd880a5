"""Types shared by the client and its methods: the "not given" sentinel and the per-call options."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

import httpx


class NotGiven:
    """The default of options where ``None`` means something (``timeout=None``: no timeout)."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()
TimeoutTypes = float | httpx.Timeout | None


class RequestOptions(TypedDict, total=False):
    """Keyword arguments every API method takes, for that one call (the names Stainless SDKs use)."""

    timeout: TimeoutTypes
    """Seconds or an ``httpx.Timeout`` instead of the client's (``None``: wait forever)."""
    extra_headers: Mapping[str, str]
    """Headers added to (or replacing) the client's."""
    extra_query: Mapping[str, Any]
    """Query parameters added, unchecked."""
    extra_body: Mapping[str, Any]
    """Top-level body fields added after the checks (for fields this SDK does not know yet)."""
