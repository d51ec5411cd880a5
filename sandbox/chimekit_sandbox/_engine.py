"""The engine: an ASGI app that runs a catalogue of handlers by a RouteTable (the operation table's routes).

Per request: route on the raw, still percent-encoded path (404, or 405 with ``Allow``), check the
bearer key where the table asks for it (401), decode and validate the path and query parameters and
read, parse and validate the JSON body (400, or 413 for a body over the limit), then
call the catalogue's handler for the operationId (the method of that name). Its return value is the
JSON response (None for a response without content); exceptions listed in ``errors`` become their
status. Every response is JSON ``{"error": "..."}`` on failure and carries ``X-Request-Id``.

The engine knows no operation: the catalogue is whatever object it is given, checked against the
table when the engine is built (an operation without a handler, or a handler without an operation,
is a SpecError).
"""

from __future__ import annotations

import hmac
import inspect
import json
import logging
import math
import secrets
import sys
import time
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote_to_bytes

from chimekit_api.types import UNSET

from ._routes import Endpoint, Param, RouteTable, SpecError
from ._util import dumps
from ._validation import Invalid, nests_deeper_than

logger = logging.getLogger("chimekit_sandbox")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass(frozen=True)
class Call:
    """What a handler gets: parameters by name (coerced, with defaults) and the parsed body."""

    path: Mapping[str, Any]
    query: Mapping[str, Any]
    body: Any


Handler = Callable[[Call], Any]


def given_secret_key(key: str | None, name: str = "secret_key") -> str | None:
    """The key clients must send, read as the SDK reads one: without surrounding whitespace (a newline from
    a file is common), None when nothing is left (no key given). ValueError naming ``name`` if the rest is
    not printable ASCII without spaces; the message never shows the key."""
    if key is None:
        return None
    if not isinstance(key, str):
        raise ValueError(f"{name}: expected a string, got {type(key).__name__}")
    key = key.strip()
    for position, char in enumerate(key):
        if not ("!" <= char <= "~"):
            what = "a space" if char.isspace() else "a control character" if char.isascii() else "a non-ASCII character"
            raise ValueError(f"{name}: has {what} at position {position}: a key is printable ASCII without spaces")
    return key or None


class Reject(Exception):
    """Answer ``status`` with ``{"error": message}`` (handlers may raise it too)."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


class _Disconnected(Exception):
    """The client went away before its request body arrived."""


_Response = tuple[int, list[tuple[bytes, bytes]], bytes]


def new_request_id() -> str:
    """The ``X-Request-Id`` of a response."""
    return f"req_{secrets.token_hex(12)}"


def _error(status: int, message: str, headers: Mapping[str, str] | None = None) -> _Response:
    extra = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in (headers or {}).items()]
    return status, [(b"content-type", b"application/json"), *extra], dumps({"error": message}).encode("ascii")


def bind(table: RouteTable, catalogue: object) -> dict[str, Handler]:
    """The catalogue's handler for every operationId; SpecError if the two do not match exactly."""
    handlers = {
        name: getattr(catalogue, name)
        for name, _ in inspect.getmembers(type(catalogue), inspect.isfunction)
        if not name.startswith("_")
    }
    operation_ids = {operation.operation_id for operation in table.operations}
    missing, extra = sorted(operation_ids - handlers.keys()), sorted(handlers.keys() - operation_ids)
    if missing or extra:
        raise SpecError(f"operations without a handler: {missing}; handlers without an operation: {extra}")
    return handlers


# ---------------------------------------------------------------- JSON bodies


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


class _OutOfRange(ValueError):
    """A JSON number Python cannot hold: ``str()`` says which limit."""


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _OutOfRange("has a number beyond the range of a double (about 1.8e308)")
    return value


def _bounded_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:  # more digits than int() reads (sys.get_int_max_str_digits(), 4300 by default)
        raise _OutOfRange(f"has an integer of more than {sys.get_int_max_str_digits()} digits") from None


def parse_json(raw: bytes, max_depth: int) -> Any:
    """Strict JSON: no NaN/Infinity, no numbers Python cannot hold (beyond a double's range, or integers
    beyond int()'s digits), no lone surrogates, at most ``max_depth`` levels (said first: a body both too
    deep and with a lone surrogate is too deep)."""
    try:
        value = json.loads(
            raw.decode("utf-8"), parse_constant=_reject_constant, parse_float=_finite_float, parse_int=_bounded_int
        )
    except RecursionError:  # json gives up far beyond the limit
        raise Invalid(_too_deep(max_depth)) from None
    except _OutOfRange as exc:
        raise Invalid(f"body: {exc}") from None
    except ValueError:  # UnicodeError and JSONDecodeError included
        raise Invalid("body: is not valid JSON") from None
    non_ascii: list[str] = []
    if nests_deeper_than(value, max_depth, non_ascii):
        raise Invalid(_too_deep(max_depth))
    try:
        # Lone surrogates (\ud800) parse but cannot be stored or sent back as UTF-8.
        for text in non_ascii:
            text.encode("utf-8")
    except ValueError:
        raise Invalid("body: is not valid JSON") from None
    return value


def _too_deep(max_depth: int) -> str:
    return f"body: nested deeper than {max_depth} levels"


# ---------------------------------------------------------------- the app


class RateLimit:
    """At most ``per_second`` requests in each second (fixed one-second windows of the monotonic clock); the
    next one is told to wait for the next window (``Retry-After``, whole seconds as the spec says)."""

    def __init__(self, per_second: int) -> None:
        if isinstance(per_second, bool) or not isinstance(per_second, int) or per_second < 1:
            raise ValueError(f"rate_limit: expected requests per second >= 1, got {per_second!r}")
        self._per_second = per_second
        self._window = -1
        self._count = 0

    def admit(self) -> int | None:
        """None: the request may go on (it counts); else the seconds to wait."""
        now = time.monotonic()
        window = int(now)
        if window != self._window:
            self._window, self._count = window, 0
        if self._count < self._per_second:
            self._count += 1
            return None
        return max(1, math.ceil(window + 1 - now))


class Engine:
    """The ASGI app: ``table`` says what to serve, ``catalogue`` has a method per operationId; ``rate_limit``:
    requests a second the key may make (beyond, a 429 with ``Retry-After``, nothing acted on).
    ``secret_key``: the key clients send, as ``given_secret_key`` reads it (surrounding whitespace dropped)."""

    def __init__(
        self,
        table: RouteTable,
        catalogue: object,
        *,
        secret_key: str,
        errors: Mapping[type[Exception], int] | None = None,
        rate_limit: int | None = None,
    ) -> None:
        key = given_secret_key(secret_key)
        if key is None:
            raise ValueError("secret_key: is empty")
        self.secret_key = key
        self._routes = table.routes
        self._handlers = bind(table, catalogue)
        self._secret = key.encode("ascii")
        self._max_body_bytes = table.max_body_bytes
        self._max_body_depth = table.max_body_depth
        self._too_large = f"body: is larger than {_size(table.max_body_bytes)}"
        self._errors = dict(errors or {})
        self._limit = None if rate_limit is None else RateLimit(rate_limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return  # lifespan is off; nothing else is served
        request_id = new_request_id()
        try:
            status, headers, body = await self._respond(scope, receive)
        except _Disconnected:
            return
        except Exception:
            logger.exception("unhandled error in request %s", request_id)
            status, headers, body = _error(500, "Internal server error")
        headers += [(b"content-length", str(len(body)).encode()), (b"x-request-id", request_id.encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _route(self, scope: Scope) -> tuple[Endpoint, list[bytes]]:
        # The raw path: a percent-encoded "/" stays inside its segment (one parameter's value).
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode("utf-8")
        segments = raw_path.split(b"/")[1:]
        allowed: str | None = None
        for route in self._routes:  # most specific first: /messages/send before /messages/{messageId}
            params = route.match(segments)
            if params is None:
                continue
            operation = route.operations.get(scope["method"])
            if operation is not None:
                return operation, params
            # Another template may match the same path with this method (GET /workflows/runs/run is
            # getWorkflowRun for the run id "run", POST there is runWorkflow for the key "runs"); if none
            # does, the 405 lists the methods of the most specific one.
            allowed = allowed or ", ".join(route.operations)
        if allowed:
            raise Reject(405, "Method not allowed", {"Allow": allowed})
        raise Reject(404, "Not found")

    def _authorized(self, headers: Mapping[str, str]) -> bool:
        scheme, _, token = headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode("latin-1"), self._secret)

    async def _respond(self, scope: Scope, receive: Receive) -> _Response:
        try:
            operation, raw_params = self._route(scope)
            headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
            if operation.secured and not self._authorized(headers):
                raise Reject(401, "Unauthorized", {"WWW-Authenticate": "Bearer"})
            if self._limit is not None and (wait := self._limit.admit()) is not None:
                raise Reject(429, "Too many requests", {"Retry-After": str(wait)})
            call = Call(
                path=_path_values(operation.path_parameters, raw_params),
                query=_named_values(operation.query_parameters, _query(scope)),
                body=await self._body(operation, headers, receive),
            )
            result = self._handlers[operation.operation_id](call)
        except Reject as exc:
            return _error(exc.status, str(exc), exc.headers)
        except Invalid as exc:
            return _error(400, str(exc))
        except Exception as exc:
            status = next((code for kind, code in self._errors.items() if isinstance(exc, kind)), None)
            if status is None:
                raise
            return _error(status, str(exc))
        if not operation.has_content:
            return operation.status, [], b""
        return operation.status, [(b"content-type", b"application/json")], dumps(result).encode("ascii")

    async def _body(self, operation: Endpoint, headers: Mapping[str, str], receive: Receive) -> Any:
        schema = operation.body
        if schema is None:
            return None
        raw = await _read(headers, receive, self._max_body_bytes, self._too_large)
        if not raw:
            if operation.body_required:
                raise Invalid("body: is required")
            return None
        media_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if media_type != "application/json":  # the table's bodies are all JSON
            raise Invalid("body: Content-Type must be application/json")
        value = parse_json(raw, self._max_body_depth)
        schema.check(value)
        return value


def _path_values(parameters: tuple[Param, ...], raw_params: list[bytes]) -> dict[str, Any]:
    values = {}
    for parameter, raw in zip(parameters, raw_params, strict=True):
        try:
            text = unquote_to_bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            raise Invalid(f"{parameter.name}: is not percent-encoded UTF-8") from None
        values[parameter.name] = parameter.value(text)
    return values


def _query(scope: Scope) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for name, value in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True):
        values.setdefault(name, []).append(value)
    return values


def _named_values(parameters: tuple[Param, ...], given: Mapping[str, list[str]]) -> dict[str, Any]:
    values = {}
    for parameter in parameters:
        raw = given.get(parameter.name)
        if raw is None:
            if parameter.required:
                raise Invalid(f"{parameter.name}: is required")
            if parameter.default is not UNSET:
                values[parameter.name] = parameter.default
            continue
        if len(raw) > 1:
            raise Invalid(f"{parameter.name}: must be given once")
        values[parameter.name] = parameter.value(raw[0])
    return values


async def _read(headers: Mapping[str, str], receive: Receive, max_bytes: int, too_large: str) -> bytes:
    """The body, refused (413, ``too_large``) as soon as it is known to exceed the limit: memory stays flat."""
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise Reject(413, too_large)
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _Disconnected
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > max_bytes:
            raise Reject(413, too_large)
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _size(count: int) -> str:
    return f"{count // 2**20} MiB" if count % 2**20 == 0 else f"{count} bytes"
