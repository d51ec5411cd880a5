"""The engine: an ASGI app that runs a catalogue of handlers by a RouteTable compiled from the spec.

Per request: route on the raw, still percent-encoded path (404, or 405 with ``Allow``), check the
bearer key where the spec asks for it (401), decode and validate the path, query and header
parameters and read, parse and validate the JSON body (400, or 413 for a body over the limit), then
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
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import parse_qsl, unquote_to_bytes

from ._spec import MISSING, Invalid, Operation, Parameter, RouteTable, SpecError
from ._util import dumps

logger = logging.getLogger("chimekit_sandbox")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY_BYTES: Final = 16 * 2**20
"""Request bodies are refused (413) beyond this size, before more of them is read (the spec says so)."""


@dataclass(frozen=True)
class Call:
    """What a handler gets: parameters by name (coerced, with defaults) and the parsed body."""

    path: Mapping[str, Any]
    query: Mapping[str, Any]
    headers: Mapping[str, Any]
    body: Any


Handler = Callable[[Call], Any]


class Reject(Exception):
    """Answer ``status`` with ``{"error": message}`` (handlers may raise it too)."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


class _Disconnected(Exception):
    """The client went away before its request body arrived."""


_Response = tuple[int, list[tuple[bytes, bytes]], bytes]


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


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def parse_json(raw: bytes) -> Any:
    """Strict JSON: no NaN/Infinity, no numbers beyond float range, no lone surrogates."""
    try:
        value = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant, parse_float=_finite_float)
        # Lone surrogates (\ud800) parse but cannot be stored or sent back as UTF-8.
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except RecursionError:
        raise Invalid("body: is nested too deeply") from None
    except ValueError:  # UnicodeError and JSONDecodeError included
        raise Invalid("body: is not valid JSON") from None
    return value


# ---------------------------------------------------------------- the app


class Engine:
    """The ASGI app: ``table`` says what to serve, ``catalogue`` has a method per operationId."""

    def __init__(
        self,
        table: RouteTable,
        catalogue: object,
        *,
        secret_key: str,
        errors: Mapping[type[Exception], int] | None = None,
    ) -> None:
        if not secret_key:
            raise ValueError("secret_key must not be empty")
        self._routes = table.routes
        self._handlers = bind(table, catalogue)
        self._secret = secret_key.encode("utf-8")
        self._errors = dict(errors or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return  # lifespan is off; nothing else is served
        request_id = f"req_{secrets.token_hex(12)}"
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

    def _route(self, scope: Scope) -> tuple[Operation, list[bytes]]:
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
            call = Call(
                path=_path_values(operation.path_parameters, raw_params),
                query=_named_values(operation.query_parameters, _query(scope)),
                headers=_named_values(operation.header_parameters, {k: [v] for k, v in headers.items()}),
                body=await _body(operation, headers, receive),
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


def _path_values(parameters: tuple[Parameter, ...], raw_params: list[bytes]) -> dict[str, Any]:
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


def _named_values(parameters: tuple[Parameter, ...], given: Mapping[str, list[str]]) -> dict[str, Any]:
    values = {}
    for parameter in parameters:
        raw = given.get(parameter.key)
        if raw is None:
            if parameter.required:
                raise Invalid(f"{parameter.name}: is required")
            if parameter.default is not MISSING:
                values[parameter.name] = parameter.default
            continue
        if len(raw) > 1:
            raise Invalid(f"{parameter.name}: must be given once")
        values[parameter.name] = parameter.value(raw[0])
    return values


async def _read(headers: Mapping[str, str], receive: Receive) -> bytes:
    """The body, refused (413) as soon as it is known to exceed the limit: memory stays flat."""
    too_large = Reject(413, f"body: is larger than {MAX_BODY_BYTES // 2**20} MiB")
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise too_large
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _Disconnected
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise too_large
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _body(operation: Operation, headers: Mapping[str, str], receive: Receive) -> Any:
    spec = operation.body
    if spec is None:
        return None
    raw = await _read(headers, receive)
    if not raw:
        if spec.required:
            raise Invalid("body: is required")
        return None
    media_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != spec.media_type:
        raise Invalid(f"body: Content-Type must be {spec.media_type}")
    value = parse_json(raw)
    spec.schema.check(value)
    return value
