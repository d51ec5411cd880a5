"""The package logger, ``logging.getLogger("chimekit")``.

INFO: one line per call, when it ends: method, path, status (or the failure), duration, request id, retries.
DEBUG: each attempt (its status or failure, and the retry decision) and the bodies' sizes. The same values are
attributes of each record (``http_method``, ``url_path``, ``status_code``, ``duration_ms``, ``request_id``,
``retries``) for JSON formatters. Nothing logged holds a header or a body: never the secret key.
``CHIMEKIT_LOG=info`` (or ``debug``) sends the logger to stderr.
"""

from __future__ import annotations

import logging
import os
import time

import httpx

from ._constants import ENV_LOG, REQUEST_ID_HEADER

logger = logging.getLogger("chimekit")


def setup_logging() -> None:
    """Honour ``CHIMEKIT_LOG`` (``debug`` or ``info``) once, at import."""
    level = os.environ.get(ENV_LOG, "").strip().upper()
    if level in ("DEBUG", "INFO") and not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(level)


def log_call(
    level: int,
    method: str,
    path: str,
    started: float,
    retries: int,
    response: httpx.Response | None = None,
    failure: BaseException | None = None,
    outcome: str = "",
) -> None:
    """One record about a call (INFO: it ended) or an attempt (DEBUG: with ``outcome``, the retry decision)."""
    duration_ms = (time.perf_counter() - started) * 1000
    request_id = response.headers.get(REQUEST_ID_HEADER) if response is not None else None
    status = response.status_code if response is not None else None
    result = str(status) if failure is None else f"failed ({type(failure).__name__})"
    text = f"{'attempt: ' if level == logging.DEBUG else ''}{method} {path} -> {result} in {duration_ms:.1f} ms"
    if request_id:
        text += f", request id {request_id}"
    if retries:
        text += f", {retries} {'retry' if retries == 1 else 'retries'}"
    if level == logging.DEBUG and response is not None:
        sent = response.request.headers.get("content-length", "0")
        text += f", {sent} bytes sent, {len(response.content)} received"
    logger.log(
        level,
        "%s%s",
        text,
        outcome,
        extra={
            "http_method": method,
            "url_path": path,
            "status_code": status,
            "duration_ms": round(duration_ms, 3),
            "request_id": request_id,
            "retries": retries,
        },
    )
