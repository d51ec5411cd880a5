"""Ids, timestamps and JSON helpers shared by the sandbox modules."""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
from datetime import UTC, datetime, timedelta
from typing import Any


def new_id(prefix: str) -> str:
    """A random id such as ``mem_3f2a…`` (matches the spec's ResourceId pattern)."""
    return f"{prefix}_{secrets.token_hex(10)}"


def derived_id(prefix: str, *parts: str) -> str:
    """A deterministic id derived from ``parts`` (same input, same id)."""
    digest = hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:20]
    return f"{prefix}_{digest}"


def workflow_ids(key: str) -> tuple[str, str]:
    """The ``workflowId`` and ``workflowVersionId`` of a workflow key: the sandbox has one version per key."""
    return derived_id("wf", key), derived_id("wv", key, "1")


def stamp(moment: datetime) -> str:
    """``moment`` as the API writes times: ISO 8601 UTC with milliseconds and ``Z``."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_stamp(text: str) -> datetime:
    """A stored timestamp (any ISO 8601 form with an offset) as an aware datetime."""
    return datetime.fromisoformat(text)


class Clock:
    """The sandbox's time: the wall clock plus an offset that ``advance`` moves forward (never back)."""

    def __init__(self) -> None:
        self._offset = timedelta()
        self._lock = threading.Lock()

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("the sandbox clock only moves forward")
        with self._lock:
            self._offset += timedelta(seconds=seconds)


def dumps(value: Any) -> str:
    """Compact, ASCII-only JSON (safe for SQLite and HTTP whatever the input)."""
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False)


def loads(text: str) -> Any:
    return json.loads(text)
