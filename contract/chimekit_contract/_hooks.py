"""schemathesis hooks of a chimekit-contract run (``hooks`` in the run's config; loaded in schemathesis' process).

- ``before_call``: every member id schemathesis is about to send that could name an existing member (one
  the run's document allows) gets the run's prefix, so the run reads and writes only members it makes:
  never ``user_123`` or another record of the server. Invalid ids (negative tests) are sent as generated:
  a conforming server refuses them. It also waits out the backoff after a ``429`` without ``Retry-After``.
- ``after_call``: remembers each prefixed member id of a successful request (the cleanup deletes them),
  backs off after a ``429`` without ``Retry-After`` (0.25 s doubling to 8 s; schemathesis' own
  ``rate-limit = "auto"`` waits out and retries those with one), and prints progress.
- ``filter_failure``: a ``429`` is not a violation. Failures about which status was expected (e.g.
  ``ignored_auth``'s "expected 401 or 403, got 429") are dropped when the answer was a 429; checks of
  the 429 against the document's 429 response (status, content type, headers, schema) stay. And a read
  after a delete answered the document's way (``200 {"member": null}``) is no "use after free" (ST301),
  which schemathesis infers for any DELETE then 2xx GET of a member in one chain of links.

Settings come from the JSON file named by ``CHIMEKIT_CONTRACT_RUN`` (written by ``_fuzz``).
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, ClassVar, Final
from urllib.parse import unquote

import jsonschema_rs
import schemathesis
from schemathesis.core.failures import AcceptedNegativeData, Failure
from schemathesis.core.transport import Response
from schemathesis.generation.case import Case
from schemathesis.openapi.checks import (
    AllowHeaderMismatch,
    EnsureResourceAvailability,
    IgnoredAuth,
    MissingHeaderNotRejected,
    RejectedPositiveData,
    UnsupportedMethodResponse,
    UseAfterFree,
)

from ._http import BACKOFF_MAX, BACKOFF_START

SETTINGS_ENV: Final = "CHIMEKIT_CONTRACT_RUN"
PROGRESS_SECONDS: Final = 5.0
EXPECTED_STATUS_FAILURES: Final = (
    AcceptedNegativeData,
    RejectedPositiveData,
    MissingHeaderNotRejected,
    UnsupportedMethodResponse,
    AllowHeaderMismatch,
    UseAfterFree,
    EnsureResourceAvailability,
    IgnoredAuth,
)
"""Failures that say which status was expected: none of them is about a 429."""

if SETTINGS_ENV not in os.environ:
    raise RuntimeError(
        f"chimekit_contract._hooks is loaded by chimekit-contract's schemathesis run only (${SETTINGS_ENV})"
    )
_SETTINGS: Final[dict[str, Any]] = json.loads(Path(os.environ[SETTINGS_ENV]).read_text(encoding="utf-8"))
PREFIX: Final[str] = _SETTINGS["prefix"]
_MEMBER_IDS: Final = jsonschema_rs.Draft202012Validator(_SETTINGS["member_id_schema"])
_MAX_LENGTH: Final[int | None] = _SETTINGS["member_id_schema"].get("maxLength")
_MEMBER_PARAMS: Final[dict[str, list[str]]] = _SETTINGS["member_params"]
_MEMBER_FIELDS: Final[dict[str, list[str]]] = _SETTINGS["member_fields"]
_IDS_FILE: Final = Path(_SETTINGS["ids_file"])
_STATS_FILE: Final = Path(_SETTINGS["stats_file"])


class _State:
    requests = 0
    rate_limited = 0
    backoff = 0.0
    not_before = 0.0
    last_progress = time.monotonic()
    remembered: ClassVar[set[str]] = set()


@atexit.register
def _write_stats() -> None:
    stats = {"requests": _State.requests, "rate_limited": _State.rate_limited}
    _STATS_FILE.write_text(json.dumps(stats), encoding="utf-8")


def run_id(value: Any) -> Any:
    """``value`` under the run's prefix when it could name a member of the server; anything else as is."""
    if not isinstance(value, str) or value.startswith(PREFIX) or not _MEMBER_IDS.is_valid(value):
        return value
    rewritten = PREFIX + value
    if _MAX_LENGTH is not None and len(rewritten) > _MAX_LENGTH:
        rewritten = rewritten[:_MAX_LENGTH]
    if not _MEMBER_IDS.is_valid(rewritten):  # e.g. a document whose pattern the prefix does not fit
        rewritten = PREFIX + hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return rewritten


def _label(case: Case[Any]) -> str:
    return f"{case.operation.method.upper()} {case.operation.path}"


def _sent(value: Any) -> Any:
    """A path parameter as the server reads it: schemathesis sends ``quote(unquote(value))`` for text."""
    return unquote(value) if type(value) is str else value


def _member_values(case: Case[Any]) -> list[Any]:
    label = _label(case)
    values = [_sent((case.path_parameters or {}).get(name)) for name in _MEMBER_PARAMS.get(label, ())]
    if isinstance(case.body, dict):
        values += [case.body.get(name) for name in _MEMBER_FIELDS.get(label, ())]
    return values


@schemathesis.hook
def before_call(context: schemathesis.HookContext, case: Case[Any], kwargs: dict[str, Any]) -> None:
    wait = _State.not_before - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    label = _label(case)
    for name in _MEMBER_PARAMS.get(label, ()):
        if case.path_parameters and type(case.path_parameters.get(name)) is str:  # not an already encoded path
            sent = _sent(case.path_parameters[name])
            rewritten = run_id(sent)
            if rewritten is not sent:
                case.path_parameters[name] = rewritten
    if isinstance(case.body, dict):
        for name in _MEMBER_FIELDS.get(label, ()):
            if name in case.body:
                case.body[name] = run_id(case.body[name])


@schemathesis.hook
def after_call(context: schemathesis.HookContext, case: Case[Any], response: Response) -> None:
    _State.requests += 1
    if response.status_code == 429:
        _State.rate_limited += 1
        if not response.headers.get("retry-after"):  # lower-case keys, list values
            _State.backoff = min(max(_State.backoff * 2, BACKOFF_START), BACKOFF_MAX)
            _State.not_before = time.monotonic() + _State.backoff
    else:
        _State.backoff = 0.0
    if 200 <= response.status_code < 300:
        fresh = [v for v in _member_values(case) if isinstance(v, str) and v.startswith(PREFIX)]
        fresh = [v for v in fresh if v not in _State.remembered]
        if fresh:
            _State.remembered.update(fresh)
            with _IDS_FILE.open("a", encoding="utf-8") as ids:
                ids.writelines(json.dumps(v) + "\n" for v in fresh)
    now = time.monotonic()
    if now - _State.last_progress >= PROGRESS_SECONDS:
        _State.last_progress = now
        phase = case.meta.phase.name if case.meta is not None else "?"
        limited = f", {_State.rate_limited} answered 429" if _State.rate_limited else ""
        print(f"  … {phase}: {_State.requests} requests so far{limited}", file=sys.stderr, flush=True)


def _is_documented_absence(response: Response) -> bool:
    """A 2xx whose JSON object holds only nulls: how the document answers a read of a member that is not there
    (``findMember``'s ``{"member": null}``, also after a delete: never a 404)."""
    try:
        body = json.loads(response.content)
    except ValueError:
        return False
    return isinstance(body, dict) and bool(body) and all(value is None for value in body.values())


@schemathesis.hook
def filter_failure(context: schemathesis.HookContext, failure: Failure, case: Case[Any], response: Response) -> bool:
    if response.status_code == 429 and isinstance(failure, EXPECTED_STATUS_FAILURES):
        return False
    # schemathesis expects a 404 for a member read after a delete (ST301); the document answers 200 null.
    if isinstance(failure, UseAfterFree) and _is_documented_absence(response):
        return False
    # ignored_auth's own probes (without or with a wrong key) are not the case's answer: its message has theirs.
    return not (isinstance(failure, IgnoredAuth) and "`429 " in failure.message)
