"""Every default, limit and header name of the SDK, in one place."""

from __future__ import annotations

import httpx

DEFAULT_BASE_URL = "https://api.chimekit.com"
"""The server root; the operations' paths carry the ``/sdk/v1`` prefix."""
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
DEFAULT_MAX_CONCURRENCY = 16
"""Sends of ``send_many`` in flight at most."""
MAX_SEND_ATTEMPTS = 10
"""Tries of one ``send_many`` item answered 429 (the server setting the pace); after a 503 or a connection never
made, an item is tried ``max_retries + 1`` times, as by ``send_message``."""
MAX_TIMEOUT = 1e9
"""Seconds; a longer timeout (or infinity) means none: sockets cannot wait that long (OverflowError)."""
KEEPALIVE_EXPIRY = 1.5
"""Seconds an idle pooled connection is kept. Shorter than the keep-alive of common servers (gunicorn 2 s;
uvicorn, Node.js and Apache 5 s; nginx 75 s; load balancers 60 s and more), so the client never sends on a
connection the server is closing at that moment (a POST lost that way may or may not have been acted on)."""
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
"""Reached directly, never through an environment proxy (HTTP_PROXY, ALL_PROXY, ...), with the base URL's own
host when it is another loopback address."""

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

AUTHORIZATION_HEADER = "Authorization"
USER_AGENT_HEADER = "User-Agent"
REQUEST_ID_HEADER = "X-Request-Id"
RETRY_AFTER_HEADER = "Retry-After"

__all__ = [
    "AUTHORIZATION_HEADER",
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_CONCURRENCY",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "ENV_BASE_URL",
    "ENV_LOG",
    "ENV_SECRET_KEY",
    "INITIAL_RETRY_DELAY",
    "KEEPALIVE_EXPIRY",
    "LOOPBACK_HOSTS",
    "MAX_RETRY_AFTER",
    "MAX_RETRY_DELAY",
    "MAX_SEND_ATTEMPTS",
    "MAX_TIMEOUT",
    "POST_RETRY_STATUSES",
    "REQUEST_ID_HEADER",
    "RETRY_AFTER_HEADER",
    "RETRY_STATUSES",
    "USER_AGENT_HEADER",
]
