"""Request building: a method's arguments, checked, made into the request its operation describes.

Each generated method (``chimekit/resources/``) passes its arguments to ``Endpoint.request``: path parameters
in the order of the path, the body (or query) dict, the body fields (or query parameters) given as keywords,
and the per-call options. Everything is checked before anything is sent (``ValidationError`` names the
field). The rules come from the operation table (``chimekit_api.api``): the body's model, each parameter's
kind. The SDK refuses what is surely a mistake (a wrong type, a missing required field, an unknown key, a
value that is not JSON) and leaves enums, lengths, patterns and ranges to the server, which may accept more
tomorrow.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from chimekit_api.errors import RequestValidationError
from chimekit_api.model import Model, check_json

from ._exceptions import ValidationError
from ._options import check_headers, check_mapping, check_timeout
from ._types import NOT_GIVEN, NotGiven, TimeoutTypes

if TYPE_CHECKING:
    from chimekit_api.model import Kind
    from chimekit_api.operation import Operation

T = TypeVar("T")


class Request(Generic[T]):
    """One call, ready to send: what goes on the wire, and the endpoint that reads its response."""

    __slots__ = ("endpoint", "headers", "json", "method", "params", "path", "timeout")

    def __init__(
        self,
        endpoint: Endpoint[T],
        path: str,
        params: dict[str, Any] | None,
        json: dict[str, Any] | None,
        headers: Mapping[str, str] | None,
        timeout: TimeoutTypes | NotGiven,
    ) -> None:
        self.endpoint = endpoint
        self.method: str = endpoint._operation.method  # type: ignore[union-attr]  # compiled by request()
        self.path = path
        self.params = params
        self.json = json
        self.headers = headers
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"<Request {self.method} {self.path}>"


class Endpoint(Generic[T]):
    """A method's operation and which key of its response it returns; worked out on first use."""

    __slots__ = ("_names", "_operation", "_query", "body", "operation_id", "returns")

    def __init__(self, operation_id: str, returns: str | None = None) -> None:
        self.operation_id = operation_id
        self.returns = returns
        self._operation: Operation | None = None

    @property
    def operation(self) -> Operation:
        return self._operation or self._compile()

    def _compile(self) -> Operation:
        from chimekit_api.api import OPERATIONS  # the operation table loads on the first call
        from chimekit_api.model import ModelOf

        operation = OPERATIONS[self.operation_id]
        self.body: Kind | None = None if operation.body is None else ModelOf(operation.body)
        self._query: dict[str, Kind] = {p.name: p.kind for p in operation.query_params}
        self._names = (
            {wire: field.name for wire, field in operation.body._fields.items()}
            if operation.body is not None
            else {p.name: p.python_name for p in operation.query_params}
        )
        self._operation = operation
        return operation

    def request(
        self,
        path: tuple[str, ...] = (),
        data: Any = None,
        fields: dict[str, Any] | None = None,
        ids: dict[str, str] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> Request[T]:
        """The request for one call; ValidationError before anything is sent if an argument is wrong."""
        operation = self._operation or self._compile()
        url_path = operation.url_path(
            *[path_value(p.name, v) for p, v in zip(operation.path_params, path, strict=True)]
        )
        body = query = None
        try:
            if self.body is not None:
                merged = self._merge(data, fields, "data")
                if ids:
                    for wire, value in ids.items():
                        if merged.setdefault(wire, path_value(wire, value)) != value:
                            raise ValidationError(
                                wire, f"{merged[wire]!r} differs from the {value!r} given as argument"
                            )
                body = self.body.check(merged, "", 0)
            elif data is not None or fields:
                query = {}
                for name, value in self._merge(data, fields, "params").items():
                    kind = self._query.get(name)
                    if kind is None:
                        known = ", ".join(self._query) or "none"
                        raise ValidationError(str(name), f"unknown query parameter ({known})")
                    query[name] = kind.check(value, name, 0)
            if extra_body is not None:
                if body is None:
                    raise ValidationError("extra_body", f"{operation.operation_id} has no body")
                body.update(check_json(dict(check_mapping("extra_body", extra_body)), "extra_body"))
            if extra_query is not None:
                query = {**(query or {}), **_query_values(check_mapping("extra_query", extra_query))}
        except RequestValidationError as exc:
            if isinstance(exc, ValidationError):
                raise
            raise ValidationError(exc.field, exc.problem) from None
        if extra_headers is not None:
            check_headers("extra_headers", extra_headers)
        if timeout is not NOT_GIVEN:
            timeout = check_timeout(timeout)
        return Request(self, url_path, query or None, body, extra_headers, timeout)

    def _merge(self, data: Any, fields: dict[str, Any] | None, name: str) -> dict[str, Any]:
        """The body (or query) dict, or model, plus the fields given as keywords (NOT_GIVEN ones left out)."""
        if data is None or data is NOT_GIVEN:
            merged: dict[str, Any] = {}
        elif type(data) is dict:
            merged = dict(data)
        elif isinstance(data, Model):
            merged = dict(data._data)
        elif isinstance(data, Mapping):
            merged = dict(data)
        else:
            raise ValidationError(name, f"expected a dict or a chimekit_api model, got {type(data).__name__}")
        if fields:
            for wire, value in fields.items():
                if value is NOT_GIVEN:
                    continue
                if wire in merged:
                    raise ValidationError(wire, f"given twice (in the dict and as {self._names.get(wire, wire)}=)")
                merged[wire] = value
        return merged

    def result(self, view: Model) -> T:
        """What the method returns from the response's model (``Operation.parse``): the whole of it, or its
        ``returns`` key; its top level is checked now, the rest when read."""
        if self.returns is None:
            whole: T = view._check()  # type: ignore[assignment]
            return whole
        value = view._get(self.returns)
        if type(value) is not list and hasattr(value, "_check"):
            value._check()
        result: T = value
        return result

    def __repr__(self) -> str:
        return f"<Endpoint {self.operation_id}{' → ' + self.returns if self.returns else ''}>"


_QUERY_SCALARS = (str, int, float, bool, type(None))


def _query_values(extra: Mapping[str, Any]) -> Mapping[str, Any]:
    """``extra_query``: what httpx sends as query parameters (text, numbers, booleans, None, or a list of them)."""
    for name, value in extra.items():
        values = value if isinstance(value, list | tuple) else [value]
        if not isinstance(name, str) or not all(isinstance(v, _QUERY_SCALARS) for v in values):
            raise ValidationError(f"extra_query.{name}", f"{type(value).__name__} is not a query parameter value")
        check_json(value, f"extra_query.{name}")  # finite numbers, text that encodes, integers that print
    return extra


def path_value(name: str, value: object) -> str:
    """An id for one URL path segment: a string that is not ``""``, ``.`` or ``..`` (they address another path)."""
    if type(value) is not str and not isinstance(value, str):
        raise ValidationError(name, f"expected a string, got {type(value).__name__}")
    if value in ("", ".", ".."):
        raise ValidationError(name, f"{value!r} is not an id")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValidationError(name, "is not valid text (a lone surrogate such as '\\ud800')") from None
    return value


__all__ = ["Endpoint", "Request", "path_value"]
