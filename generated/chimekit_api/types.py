"""The runtime the generated code is built from.

- ``UNSET``: an optional field or parameter that was left out.
- ``Model``: the base of every generated model. A model is a read-only view over the JSON object it was
  made from: ``obj["wireName"]`` is the value exactly as received (plain dict, list, str, number, None),
  ``obj.snake_name`` the same value typed (datetimes parsed, nested objects as models), read and checked
  the first time it is used, then cached. Models are Mappings over their wire keys and equal to their JSON.
- ``Operation`` and ``Parameter``: what each API operation is (method, path, parameters with their
  schemas, body and response models), compiled from the spec into ``chimekit_api.api``.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import ItemsView, Iterator, KeysView, Mapping, MutableMapping, ValuesView
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import IO, TYPE_CHECKING, Any, BinaryIO, ClassVar, Generic, Literal, NamedTuple, Protocol, Self, TypeVar
from urllib.parse import quote

from .errors import ResponseValidationError, UnexpectedStatus

if TYPE_CHECKING:
    import httpx


class Unset:
    """The type of ``UNSET``: a value that was not given (as opposed to ``None``, JSON null)."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@dataclass
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@dataclass
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


# --- models ----------------------------------------------------------------------------------------

Kind = Any
"""How a JSON value becomes an attribute: ``"str" | "int" | "float" | "bool" | "None" | "any" | "object"``
(a free-form JSON object, kept as a plain dict) ``| "datetime"``, or ``("list", Kind)``,
``("model", ModelClass)``, ``("enum", EnumClass)``, ``("union", (Kind, ...))``."""


class Field(NamedTuple):
    """One property of a model, keyed by its wire (JSON) name in ``Model._fields``."""

    name: str
    """The Python attribute name."""
    required: bool
    kind: Kind


class Origin(Protocol):
    """Where a model's JSON came from: makes the exception raised when a field breaks the contract."""

    def error(self, path: str, problem: str) -> ResponseValidationError: ...


_EXPECTED = {
    "str": "string",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "None": "null",
    "object": "object",
    "datetime": "date-time string",
}


def _expected(kind: Kind) -> str:
    if isinstance(kind, str):
        return _EXPECTED.get(kind, kind)
    tag, arg = kind
    if tag == "union":
        return " or ".join(_expected(variant) for variant in arg)
    return {"list": "array", "model": "object", "enum": "string"}[tag]


def _got(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _fail(path: str, problem: str, origin: Origin | None) -> ResponseValidationError:
    return origin.error(path, problem) if origin is not None else ResponseValidationError(path, problem)


def read(value: Any, kind: Kind, path: str, origin: Origin | None = None) -> Any:
    """``value`` (decoded JSON) as the attribute ``kind`` describes, or the error naming ``path``."""
    if type(kind) is str:
        if kind == "str":
            if type(value) is str:
                return value
        elif kind == "int":
            if type(value) is int:
                return value
        elif kind == "float":
            if type(value) is float or type(value) is int:
                return value
        elif kind == "bool":
            if type(value) is bool:
                return value
        elif kind == "None":
            if value is None:
                return None
        elif kind == "object":
            if type(value) is dict:
                return value
        elif kind == "datetime":
            if type(value) is str:
                try:
                    return datetime.datetime.fromisoformat(value)
                except ValueError:
                    raise _fail(path, f"expected a date-time string, got {value!r}", origin) from None
        else:  # "any"
            return value
        raise _fail(path, f"expected {_expected(kind)}, got {_got(value)}", origin)
    tag, arg = kind
    if tag == "model":
        if type(value) is dict:
            return arg._view(value, path, origin)
    elif tag == "list":
        if type(value) is list:
            return [read(item, arg, f"{path}[{i}]", origin) for i, item in enumerate(value)]
    elif tag == "enum":
        if type(value) is str:
            try:
                return arg(value)
            except ValueError:
                return value  # a value this client does not know yet
    else:  # "union"
        if value is None and "None" in arg:
            return None
        for variant in arg:
            if variant != "None":
                try:
                    return read(value, variant, path, origin)
                except ResponseValidationError:
                    if not _fits(value, variant):
                        continue
                    raise  # the right shape, wrong inside: that error names the field
    raise _fail(path, f"expected {_expected(kind)}, got {_got(value)}", origin)


def _fits(value: Any, kind: Kind) -> bool:
    """Whether ``value`` has the JSON type ``kind`` wants at its top level (its inside is not looked at)."""
    if type(kind) is str:
        if kind == "any":
            return True
        if kind in ("str", "datetime"):
            return type(value) is str
        if kind == "float":
            return type(value) is float or type(value) is int
        return type(value) is {"int": int, "bool": bool, "None": type(None), "object": dict}[kind]
    tag, arg = kind
    if tag == "union":
        return any(_fits(value, variant) for variant in arg)
    return type(value) is {"model": dict, "list": list, "enum": str}[tag]


def copy_json(value: Any) -> Any:
    """A copy of decoded JSON, however deeply nested (no recursion: a hostile answer cannot exhaust the stack)."""
    if type(value) is not dict and type(value) is not list:
        return value
    root = dict(value) if type(value) is dict else list(value)
    stack = [root]
    while stack:
        node = stack.pop()
        for key, item in node.items() if type(node) is dict else enumerate(node):
            if type(item) is dict or type(item) is list:
                node[key] = item = dict(item) if type(item) is dict else list(item)
                stack.append(item)
    return root


_MISSING: Any = object()


_SCALAR_TYPES: dict[str, frozenset[type] | None] = {
    "any": None,
    "str": frozenset((str,)),
    "datetime": frozenset((str,)),
    "float": frozenset((int, float)),
    "int": frozenset((int,)),
    "bool": frozenset((bool,)),
    "None": frozenset((type(None),)),
    "object": frozenset((dict,)),
}


def _json_types(kind: Kind) -> frozenset[type] | None:
    """The Python types a decoded JSON value of ``kind`` can have at its top level (None: any)."""
    if type(kind) is str:
        return _SCALAR_TYPES[kind]
    tag, arg = kind
    if tag == "union":
        parts = [_json_types(variant) for variant in arg]
        return None if None in parts else frozenset().union(*parts)  # type: ignore[arg-type]
    top: type = {"model": dict, "list": list, "enum": str}[tag]
    return frozenset((top,))


def to_json(value: Any) -> Any:
    """A Python value made into JSON: models become their JSON, enums their value, datetimes ISO 8601 text."""
    if isinstance(value, Model):
        return value._data
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    return value


class Model(Mapping[str, Any]):
    """A read-only view over one JSON object (see the module docstring).

    Made by the generated constructors (from Python values) or by ``from_dict`` (from decoded JSON, which
    it keeps, without copying or checking it: each attribute is checked when it is first read).
    """

    __slots__ = ("_cache", "_data", "_origin", "_path")
    _data: dict[str, Any]
    _path: str
    _origin: Origin | None
    _cache: dict[str, Any] | None

    _fields: ClassVar[dict[str, Field]] = {}
    """Wire name → the property's Python name, whether it is required, and its kind."""
    _open: ClassVar[bool] = True
    """Whether the schema allows properties it does not list (responses do; request bodies do not)."""
    _shape: ClassVar[list[tuple[str, bool, frozenset[type] | None]]]

    def _init(self, values: dict[str, Any]) -> None:
        """For generated constructors: keyword arguments by wire name; UNSET ones are left out."""
        self._data = {wire: to_json(value) for wire, value in values.items() if value is not UNSET}
        self._path = ""
        self._origin = None
        self._cache = None

    @classmethod
    def _view(cls, data: dict[str, Any], path: str = "", origin: Origin | None = None) -> Self:
        view = object.__new__(cls)
        view._data = data
        view._path = path
        view._origin = origin
        view._cache = None
        return view

    @classmethod
    def from_dict(cls, src: Mapping[str, Any]) -> Self:
        """A view over ``src`` (decoded JSON with wire names), kept as it is."""
        if isinstance(src, Model):
            return cls._view(src._data)
        if not isinstance(src, Mapping):
            raise ResponseValidationError("", f"expected an object, got {_got(src)}")
        return cls._view(src if type(src) is dict else dict(src))

    def to_dict(self) -> dict[str, Any]:
        """The JSON object, exactly as received (a copy): ``json.dumps(obj.to_dict())`` works."""
        copied: dict[str, Any] = copy_json(self._data)
        return copied

    def _get(self, wire: str) -> Any:
        """The typed value of property ``wire``, checked and converted on first use, then cached."""
        cache = self._cache
        if cache is None:
            cache = self._cache = {}
        elif wire in cache:
            return cache[wire]
        field_ = self._fields[wire]
        path = f"{self._path}.{wire}" if self._path else wire
        try:
            raw = self._data[wire]
        except KeyError:
            if field_.required:
                raise _fail(path, "is missing", self._origin) from None
            value: Any = UNSET
        else:
            value = read(raw, field_.kind, path, self._origin)
        cache[wire] = value
        return value

    def _check(self) -> Self:
        """Checks the top level now: every required property is there with the right JSON type."""
        shape = type(self).__dict__.get("_shape")
        if shape is None:
            shape = type(self)._shape = [(w, f.required, _json_types(f.kind)) for w, f in self._fields.items()]
        data = self._data
        for wire, required, types in shape:
            value = data.get(wire, _MISSING)
            if value is _MISSING:
                if required:
                    self._get(wire)  # raises, naming the field
            elif types is not None and type(value) not in types:
                self._get(wire)
        return self

    # Mapping over the wire names: obj["createdAt"], obj.get(...), dict(obj), ...
    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def keys(self) -> KeysView[str]:
        return self._data.keys()

    def items(self) -> ItemsView[str, Any]:
        return self._data.items()

    def values(self) -> ValuesView[Any]:
        return self._data.values()

    def get(self, key: str, default: Any = None) -> Any:
        return self._data.get(key, default)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Model):
            return self._data == other._data
        if isinstance(other, dict):
            return self._data == other
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to a dict, like a dict

    def __repr__(self) -> str:
        shown = []
        for wire, field_ in self._fields.items():
            value = self._data.get(wire, UNSET)
            if isinstance(value, str):
                shown.append(f"{field_.name}={value if len(value) <= 40 else value[:39] + '…'!r}")
            elif value is None or isinstance(value, int | float):
                shown.append(f"{field_.name}={value!r}")
            if len(shown) == 4:
                break
        more = ", …" if len(self._data) > len(shown) else ""
        return f"{type(self).__name__}({', '.join(shown)}{more})"

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self)._view, (self._data, self._path, self._origin)

    def __copy__(self) -> Self:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        return type(self)._view(copy_json(self._data), self._path, self._origin)


# --- operations --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    """A path or query parameter of an operation, as the spec declares it."""

    name: str
    """The wire name (``externalUserId``)."""
    python_name: str
    location: Literal["path", "query"]
    required: bool
    kind: Kind
    schema: Mapping[str, Any]
    """Its JSON schema with ``$ref`` resolved: ``type``, ``default``, ``minimum``, ``maximum``, ``pattern``, ..."""

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
    query_params: tuple[Parameter, ...]
    body: type[Model] | None
    """The JSON request body's model, or None."""
    responses: Mapping[int, type[Model] | None]
    """Every documented status → the model of its JSON body (None: no body)."""
    _format: str = field(init=False, repr=False, compare=False)
    _names: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_format", _TEMPLATE_PARAMETER.sub("{}", self.path))
        object.__setattr__(self, "_names", tuple(_TEMPLATE_PARAMETER.findall(self.path)))

    def url_path(self, values: Mapping[str, str]) -> str:
        """The path with each path parameter percent-encoded as exactly one segment (``/`` becomes ``%2F``)."""
        return self._format.format(
            *[value if _UNRESERVED(value) else quote(value, safe="") for value in map(values.__getitem__, self._names)]
        )

    def parse(self, status: int, body: Any, origin: Origin | None = None) -> Model | None:
        """The documented model for ``status`` over the decoded JSON ``body``; None for a status without body."""
        model = self.responses.get(status)
        if model is None:
            return None
        if type(body) is not dict:
            raise _fail("", f"expected a JSON object, got {_got(body)}", origin)
        return model._view(body, "", origin)

    # For the generated endpoint functions (chimekit_api.api.<tag>.<operation>).
    def request_kwargs(
        self, path: Mapping[str, Any], query: Mapping[str, Any] | None = None, body: Any = None
    ) -> dict[str, Any]:
        """``httpx.Client.request`` keyword arguments for this operation."""
        kwargs: dict[str, Any] = {"method": self.method, "url": self.url_path({k: str(v) for k, v in path.items()})}
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
        if self.responses[response.status_code] is None:
            return None
        return self.parse(response.status_code, response.json())


__all__ = [
    "UNSET",
    "Field",
    "File",
    "FileTypes",
    "Model",
    "Operation",
    "Parameter",
    "RequestFiles",
    "Response",
    "Unset",
]
