"""The route table: an operation table (``chimekit_api.api.OPERATIONS``) as the sandbox serves it.

The operation table is what ``make generate`` compiles from the spec: per operation its method, path
template, path and query parameters with their resolved schemas, the body's resolved schema, the
success status, whether it has a response body and whether it needs the bearer key. ``compile_routes``
adds only what serving needs and the table does not say: each template's literal segments as the raw
(percent-encoded) bytes a request path is matched against, most specific route first; how a
parameter's string becomes its value (by its kind); and the compiled validators (``Schema``). It
takes about 1 ms; the app does it once per process.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import quote

from chimekit_api.model import BOOL, FLOAT, INT, STR, Kind
from chimekit_api.operation import Operation, Parameter

from ._validation import Invalid, Schema

# Characters a path segment may carry unencoded (RFC 3986 pchar minus unreserved, which quote keeps).
_PCHAR: Final = "!$&'()*+,;=:@"
_TEMPLATE_PARAMETER: Final = re.compile(r"\{([^{}]+)\}")
_INTEGER: Final = re.compile(r"-?[0-9]+")
_NUMBER: Final = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
# The order OpenAPI lists a path's methods in: the order of a 405's Allow.
_METHODS: Final = ("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE")


class SpecError(Exception):
    """The table asks for something the sandbox cannot serve (raised when an app is created)."""


def _to_integer(raw: str) -> int:
    if not _INTEGER.fullmatch(raw):
        raise ValueError("must be an integer")
    try:
        return int(raw)
    except ValueError:  # beyond int()'s 4300 digits
        raise ValueError("has too many digits") from None


def _to_number(raw: str) -> float:
    if not _NUMBER.fullmatch(raw) or not math.isfinite(value := float(raw)):
        raise ValueError("must be a number")
    return value


def _to_boolean(raw: str) -> bool:
    if raw not in ("true", "false"):
        raise ValueError("must be true or false")
    return raw == "true"


_COERCIONS: Final[dict[Kind, Callable[[str], Any]]] = {
    STR: str,
    INT: _to_integer,
    FLOAT: _to_number,
    BOOL: _to_boolean,
}


@dataclass(frozen=True)
class Param:
    """A path or query parameter: its string is coerced by its kind, then validated by its schema."""

    name: str
    required: bool
    default: Any  # chimekit_api.types.UNSET when its schema has none
    coerce: Callable[[str], Any]
    schema: Schema

    def value(self, raw: str) -> Any:
        try:
            value = self.coerce(raw)
        except ValueError as exc:
            raise Invalid(f"{self.name}: {exc}") from None
        self.schema.check(value, self.name)
        return value


@dataclass(frozen=True)
class Endpoint:
    """An operation of the table, ready to serve."""

    operation_id: str
    path_parameters: tuple[Param, ...]  # in the order of the template's ``{…}`` segments
    query_parameters: tuple[Param, ...]
    body: Schema | None  # a JSON body's schema
    body_required: bool
    status: int
    has_content: bool
    secured: bool


@dataclass(frozen=True)
class Route:
    """One path template: ``segments`` holds the raw literal bytes, or None where a parameter goes."""

    path: str
    segments: tuple[bytes | None, ...]
    operations: Mapping[str, Endpoint]  # by method

    def match(self, raw_segments: Sequence[bytes]) -> list[bytes] | None:
        """The raw (still percent-encoded) parameter segments if the path fits this template."""
        if len(raw_segments) != len(self.segments):
            return None
        params = []
        for literal, raw in zip(self.segments, raw_segments, strict=True):
            if literal is None:
                if not raw:
                    return None
                params.append(raw)
            elif literal != raw:
                return None
        return params


@dataclass(frozen=True)
class RouteTable:
    routes: tuple[Route, ...]  # most specific first: a literal segment beats a parameter
    max_body_bytes: int
    """A request body beyond this many bytes is a 413 (the spec's ``x-chimekit-limits``)."""
    max_body_depth: int
    """A request body nesting objects and arrays deeper than this is a 400 (the spec's ``x-chimekit-limits``)."""

    @property
    def operations(self) -> Iterator[Endpoint]:
        for route in self.routes:
            yield from route.operations.values()


def _param(operation: Operation, parameter: Parameter) -> Param:
    coerce = _COERCIONS.get(parameter.kind)
    if coerce is None:
        raise SpecError(f"{operation.operation_id}: parameter {parameter.name!r} is not a scalar ({parameter.kind})")
    return Param(parameter.name, parameter.required, parameter.default, coerce, Schema(parameter.schema))


def _endpoint(operation: Operation) -> Endpoint:
    return Endpoint(
        operation_id=operation.operation_id,
        path_parameters=tuple(_param(operation, p) for p in operation.path_params),
        query_parameters=tuple(_param(operation, p) for p in operation.query_params),
        body=Schema(operation.body_schema) if operation.body_schema is not None else None,
        body_required=operation.body_required,
        status=operation.success,
        has_content=operation.responses.get(operation.success) is not None,
        secured=operation.bearer_auth,
    )


def _segments(path: str) -> tuple[bytes | None, ...]:
    if not path.startswith("/"):
        raise SpecError(f"path {path!r} does not start with /")
    segments: list[bytes | None] = []
    for segment in path.split("/")[1:]:
        if _TEMPLATE_PARAMETER.fullmatch(segment):
            segments.append(None)
        elif "{" in segment or "}" in segment:
            raise SpecError(f"{path}: a parameter must be a whole path segment")
        else:
            segments.append(quote(segment, safe=_PCHAR).encode("ascii"))
    return tuple(segments)


def compile_routes(operations: Iterable[Operation], limits: Mapping[str, int]) -> RouteTable:
    """The route table of ``operations`` (an operation table) and its ``limits`` (``chimekit_api.api.LIMITS``);
    SpecError if the sandbox cannot serve it."""
    if not {"maxBodyBytes", "maxBodyDepth"} <= limits.keys():
        raise SpecError(f"the limits need maxBodyBytes and maxBodyDepth, not {sorted(limits)}")
    by_path: dict[str, dict[str, Endpoint]] = {}
    seen: set[str] = set()
    for operation in operations:
        if operation.operation_id in seen:
            raise SpecError(f"{operation.operation_id}: two operations have this operationId")
        seen.add(operation.operation_id)
        methods = by_path.setdefault(operation.path, {})
        if operation.method not in _METHODS:
            raise SpecError(f"{operation.operation_id}: {operation.method} is not a method of OpenAPI")
        if operation.method in methods:
            raise SpecError(f"{operation.method} {operation.path}: two operations")
        names = [parameter.name for parameter in operation.path_params]
        if names != _TEMPLATE_PARAMETER.findall(operation.path):
            raise SpecError(f"{operation.operation_id}: path parameters {names} do not match the template")
        methods[operation.method] = _endpoint(operation)
    routes = [
        Route(path, _segments(path), dict(sorted(methods.items(), key=lambda item: _METHODS.index(item[0]))))
        for path, methods in by_path.items()
    ]
    ordered = tuple(sorted(routes, key=lambda route: [s is None for s in route.segments]))
    return RouteTable(ordered, limits["maxBodyBytes"], limits["maxBodyDepth"])
