"""What each API operation is, as ``make generate`` compiles it from the spec (``chimekit_api.api``).

An ``Operation`` has its operationId, method, path template, path and query ``Parameter``s (each with its
kind and its JSON Schema, every ``$ref`` already resolved), the request body's model and resolved JSON
Schema, the success status, every documented response's model, and whether it needs the
bearer key. Clients build requests and read responses from it; servers route and validate with it.
Nothing at run time reads the spec document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from .errors import ResponseValidationError, UnexpectedStatus
from .model import Kind, Model, Origin, to_json
from .types import UNSET

if TYPE_CHECKING:
    import httpx

Schema = Mapping[str, Any]
"""A JSON Schema (2020-12, OpenAPI 3.1's dialect) with no ``$ref``: what it refers to is inlined."""


@dataclass(frozen=True)
class Parameter:
    """A path or query parameter of an operation, as the spec declares it."""

    name: str
    """The wire name (``externalUserId``)."""
    python_name: str
    location: Literal["path", "query"]
    required: bool
    kind: Kind
    schema: Schema
    """Its JSON Schema: ``type``, ``default``, ``minimum``, ``maximum``, ``pattern``, ..."""
    description: str = ""

    @property
    def default(self) -> Any:
        """The value the server uses when the parameter is left out, or UNSET."""
        return self.schema.get("default", UNSET)


_TEMPLATE_PARAMETER = re.compile(r"\{([^}]+)\}")
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*").fullmatch


@dataclass(frozen=True)
class Operation:
    """One API operation, compiled from the spec (the constants in ``chimekit_api.api``)."""

    operation_id: str
    method: str
    """Upper case: ``GET``, ``POST``, ..."""
    path: str
    """The path template from the spec, e.g. ``/sdk/v1/audience/members/{externalUserId}``."""
    tag: str
    summary: str
    description: str
    path_params: tuple[Parameter, ...]
    """In the order of the path template."""
    query_params: tuple[Parameter, ...]
    body: type[Model] | None
    """The JSON request body's model, or None."""
    body_schema: Schema | None
    body_required: bool
    success: int
    """The one success status."""
    responses: Mapping[int, type[Model] | None]
    """Every documented status → the model of its JSON body (None: no body)."""
    bearer_auth: bool
    """Whether a request needs ``Authorization: Bearer <secret key>``."""
    extensions: Mapping[str, Any] = field(default_factory=dict)
    """The operation's ``x-`` keys in the spec (``x-chimekit-paging``: how it pages)."""
    _format: str = field(init=False, repr=False, compare=False)
    _names: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_format", _TEMPLATE_PARAMETER.sub("{}", self.path))
        object.__setattr__(self, "_names", tuple(_TEMPLATE_PARAMETER.findall(self.path)))

    def url_path(self, *values: str) -> str:
        """The path with the path parameters' values (in template order) each percent-encoded as exactly one
        segment (``/`` becomes ``%2F``)."""
        return self._format.format(*[value if _UNRESERVED(value) else quote(value, safe="") for value in values])

    def parse(self, status: int, body: Any, origin: Origin | None = None) -> Model | None:
        """The documented model for ``status`` over the decoded JSON ``body``; None for a status without body."""
        model = self.responses.get(status)
        if model is None:
            return None
        if type(body) is not dict:
            problem = f"expected a JSON object, got {'null' if body is None else type(body).__name__}"
            raise origin.error("", problem) if origin is not None else ResponseValidationError("", problem)
        return model._view(body, "", origin)

    # For the generated endpoint functions (chimekit_api.api.<tag>.<operation>).
    def request_kwargs(
        self, path: Mapping[str, Any], query: Mapping[str, Any] | None = None, body: Any = None
    ) -> dict[str, Any]:
        """``httpx.Client.request`` keyword arguments for this operation."""
        kwargs: dict[str, Any] = {"method": self.method, "url": self.url_path(*[str(path[n]) for n in self._names])}
        if query is not None:
            kwargs["params"] = {k: to_json(v) for k, v in query.items() if v is not UNSET and v is not None}
        if body is not None and body is not UNSET:
            kwargs["json"] = to_json(body)
        return kwargs

    def parse_response(self, response: httpx.Response, *, raise_on_unexpected_status: bool = False) -> Model | None:
        """The documented model of ``response`` (None: no body, or undocumented status)."""
        if response.status_code not in self.responses:
            if raise_on_unexpected_status:
                raise UnexpectedStatus(response.status_code, response.content)
            return None
        return self.parse(response.status_code, response.json())


__all__ = ["Operation", "Parameter", "Schema"]
