"""Every default and limit of the SDK, in one place."""

from __future__ import annotations

import httpx

DEFAULT_BASE_URL = "https://api.chimekit.com"
"""The server root; the operations' paths carry the ``/sdk/v1`` prefix."""
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
MAX_JSON_DEPTH = 100
"""Input nested deeper than this is refused (ValidationError): Python could not serialise it reliably.
Not an API limit (the spec says what the server accepts)."""

INITIAL_RETRY_DELAY = 0.5
"""Backoff before retry n (0-based) is ``min(INITIAL_RETRY_DELAY * 2**n, MAX_RETRY_DELAY)`` less up to 25 % jitter."""
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
"""A ``Retry-After`` up to this many seconds is waited out; a longer one ends the retries."""

RETRY_STATUSES = frozenset({408, 429, 502, 503, 504})
"""Retried for GET, PUT and DELETE."""
POST_RETRY_STATUSES = frozenset({429, 503})
"""Retried for POST: the server says it did not act. A 500, 502, 504 or read timeout may hide a sent message."""

ENV_SECRET_KEY = "CHIMEKIT_SECRET_KEY"  # noqa: S105 (a variable name)
ENV_BASE_URL = "CHIMEKIT_BASE_URL"
ENV_LOG = "CHIMEKIT_LOG"
REQUEST_ID_HEADER = "x-request-id"
