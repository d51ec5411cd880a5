"""The retry policy: whether a failed attempt is tried again, and after how long.

A GET, PUT or DELETE is retried after a connection failure or a 408, 429, 502, 503 or 504. A POST (identify,
suppress, send_message, workflow.run) is retried only when the server surely did not act on it: nothing of it
reached the server, or the server said so (429, 503). Never a notification twice.
"""

from __future__ import annotations

import random
import re
import time

import httpx

from ._constants import (
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
    POST_RETRY_STATUSES,
    RETRY_AFTER_HEADER,
    RETRY_STATUSES,
)

# Nothing of the request reached the server.
_NOT_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.LocalProtocolError,
    httpx.UnsupportedProtocol,
    httpx.ProxyError,
)
_PARTLY_SENT = (httpx.WriteTimeout, httpx.WriteError)
# Failures that trying again cannot mend.
_PERMANENT = (httpx.LocalProtocolError, httpx.UnsupportedProtocol, httpx.DecodingError, httpx.TooManyRedirects)


def sent(exc: httpx.HTTPError) -> bool | None:
    """Whether the server may have acted on a request that failed with ``exc``: False (nothing reached it), True
    (it was sent whole and the response was lost), None (partly sent)."""
    return False if isinstance(exc, _NOT_SENT) else None if isinstance(exc, _PARTLY_SENT) else True


def permanent(exc: BaseException | None) -> bool:
    """Whether trying again cannot mend the failure ``exc`` (a request httpx cannot encode or send, ...)."""
    return isinstance(exc, _PERMANENT)


def delay_after_error(method: str, exc: httpx.HTTPError, retries: int, max_retries: int) -> float | None:
    """Seconds to wait before retrying after ``exc``, or None to give up."""
    if retries >= max_retries or permanent(exc):
        return None
    if method == "POST" and not isinstance(exc, _NOT_SENT):
        return None  # the server may have acted on it: never send a notification twice
    return backoff(retries)


def delay_after_status(method: str, response: httpx.Response, retries: int, max_retries: int) -> float | None:
    """Seconds to wait before retrying after an error status, or None when it is final."""
    statuses = POST_RETRY_STATUSES if method == "POST" else RETRY_STATUSES
    if retries >= max_retries or response.status_code not in statuses:
        return None
    retry_after = parse_retry_after(response.headers.get(RETRY_AFTER_HEADER))
    if retry_after is None:
        return backoff(retries)
    return retry_after if retry_after <= MAX_RETRY_AFTER else None


def backoff(retries: int) -> float:
    """Before retry n (0-based): ``min(0.5 * 2**n, 8)`` seconds, less up to 25 % jitter."""
    return min(INITIAL_RETRY_DELAY * 2.0**retries, MAX_RETRY_DELAY) * (1 - 0.25 * random.random())  # noqa: S311


_DELAY_SECONDS = re.compile(r"[0-9]+").fullmatch


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header as RFC 9110 allows it (delay-seconds: digits only, or an HTTP-date);
    None when it is absent, malformed, or asks for no wait at all (0, or a date already past): the normal
    backoff applies then."""
    if not value:
        return None
    value = value.strip()
    if _DELAY_SECONDS(value):
        seconds = float(int(value[:12]))  # more digits than that is "wait longer than MAX_RETRY_AFTER" anyway
        return seconds if seconds > 0 else None
    import email.utils  # rare: kept out of `import chimekit`

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT; a date without a zone is not one of its forms
        return None
    seconds = when.timestamp() - time.time()
    return seconds if seconds > 0 else None
