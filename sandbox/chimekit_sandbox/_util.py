"""Ids, timestamps and JSON helpers shared by the sandbox modules."""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import UTC, datetime
from typing import Any


def new_id(prefix: str) -> str:
    """A random id such as ``mem_3f2a…`` (matches the spec's ResourceId pattern)."""
    return f"{prefix}_{secrets.token_hex(10)}"


def derived_id(prefix: str, *parts: str) -> str:
    """A deterministic id derived from ``parts`` (same input, same id)."""
    digest = hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:20]
    return f"{prefix}_{digest}"


def now() -> str:
    """The current time as ISO 8601 UTC with milliseconds and ``Z``."""
    stamp = datetime.now(UTC)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"


def dumps(value: Any) -> str:
    """Compact, ASCII-only JSON (safe for SQLite and HTTP whatever the input)."""
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False)


def loads(text: str) -> Any:
    return json.loads(text)
