"""The models' runtime: the type language and ``Model``.

- A ``Kind`` says what one JSON value of a field or parameter is: ``STR``, ``INT``, ``FLOAT``, ``BOOL``,
  ``NULL``, ``DATETIME`` (a date-time string), ``OBJECT`` (a free-form JSON object, kept as a plain dict),
  ``ANY``, ``ListOf(kind)``, ``ModelOf(Model)``, ``EnumOf(Enum)``, ``UnionOf(kind, ...)``. It is the one
  interpreter of the type: ``read`` turns received JSON into the typed attribute (responses), ``check``
  turns a Python value into JSON to send (requests).
- ``Model`` is the base of every generated model: a read-only view over one JSON object.
  ``obj["wireName"]`` is the value exactly as received (plain dict, list, str, number, None),
  ``obj.snake_name`` the same value typed (datetimes parsed, nested objects as models), read and checked
  the first time it is used, then cached. Models are Mappings over their wire keys and equal to their JSON.

Checks of requests refuse what is surely a mistake (a wrong type, a missing required field, an unknown
key, a value that is not JSON) and leave enums, lengths, patterns and ranges to the server.
"""

from __future__ import annotations

import datetime
import enum
import math
import sys
from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any, ClassVar, NamedTuple, Protocol, Self

from .errors import RequestValidationError, ResponseValidationError
from .types import UNSET

MAX_JSON_DEPTH = 100
"""Input nested deeper than this is refused: Python could not serialise it reliably (not an API limit)."""


class Origin(Protocol):
    """Where a model's JSON came from: makes the exception raised when a field breaks the contract."""

    def error(self, path: str, problem: str) -> ResponseValidationError: ...


def _fail(path: str, problem: str, origin: Origin | None) -> ResponseValidationError:
    return origin.error(path, problem) if origin is not None else ResponseValidationError(path, problem)


def _got(value: Any) -> str:
    return "null" if value is None else type(value).__name__


# --- read-only JSON -------------------------------------------------------------------------------------


def _read_only(*args: Any, **kwargs: Any) -> Any:
    raise TypeError("results are read-only: .to_dict() gives a copy you can change")


class FrozenDict(dict[str, Any]):
    """A JSON object of a result: a ``dict`` (``json.dumps``, ``==``, ``isinstance`` work) that cannot change,
    whose nested objects and arrays cannot change either (they are handed out read-only too)."""

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        return frozen(dict.__getitem__(self, key))

    def get(self, key: str, default: Any = None) -> Any:
        return frozen(dict.get(self, key, default))

    def values(self) -> ValuesView[Any]:  # type: ignore[override]
        return ValuesView(self)

    def items(self) -> ItemsView[str, Any]:  # type: ignore[override]
        return ItemsView(self)

    def copy(self) -> dict[str, Any]:
        """A deep copy you can change (plain dicts and lists)."""
        copied: dict[str, Any] = copy_json(dict(self))
        return copied

    def __reduce__(self) -> tuple[Any, ...]:
        return FrozenDict, (dict(self),)

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only


class FrozenList(list[Any]):
    """A JSON array of a result: a ``list`` that cannot change, handing out its items read-only."""

    __slots__ = ()

    def __getitem__(self, index: Any) -> Any:
        item = list.__getitem__(self, index)
        return FrozenList(item) if isinstance(index, slice) else frozen(item)

    def __iter__(self) -> Iterator[Any]:
        for item in list.__iter__(self):
            yield frozen(item)

    def copy(self) -> list[Any]:
        """A deep copy you can change (plain dicts and lists)."""
        copied: list[Any] = copy_json(list(self))
        return copied

    def __reduce__(self) -> tuple[Any, ...]:
        return FrozenList, (list(self),)

    __setitem__ = __delitem__ = __iadd__ = __imul__ = _read_only
    append = clear = extend = insert = pop = remove = reverse = sort = _read_only


def frozen(value: Any) -> Any:
    """``value`` (decoded JSON) as a result hands it out: objects and arrays read-only (a shallow copy each)."""
    kind = type(value)
    if kind is dict:
        return FrozenDict(value)
    if kind is list:
        return FrozenList(value)
    return value


# --- the type language ---------------------------------------------------------------------------------


class Kind:
    """What one JSON value is (see the module docstring)."""

    __slots__ = ("expected", "json_types")

    expected: str
    """What a received value must be, for messages: ``string``, ``array``, ``string or null``."""
    json_types: frozenset[type] | None
    """The Python types a decoded JSON value of this kind has at its top level (None: any)."""

    def read(self, value: Any, path: str, origin: Origin | None = None) -> Any:
        """``value`` (decoded JSON) as the attribute this kind describes, or the error naming ``path``."""
        raise NotImplementedError

    def check(self, value: Any, path: str, depth: int = 0) -> Any:
        """``value`` (from the caller) as the JSON to send, or RequestValidationError naming ``path``."""
        raise NotImplementedError

    def fits(self, value: Any) -> bool:
        """Whether ``value`` has this kind's JSON type at its top level (its inside is not looked at)."""
        return self.json_types is None or type(value) in self.json_types

    def _mismatch(self, value: Any, path: str, origin: Origin | None) -> ResponseValidationError:
        return _fail(path, f"expected {self.expected}, got {_got(value)}", origin)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.expected}>"


_SMALL = 2**63


def _integer(value: Any, where: Any) -> None:
    """An integer JSON can carry: beyond Python's limit for int-to-text conversion (4,300 digits by default,
    ``sys.get_int_max_str_digits()``) it could not be sent."""
    if -_SMALL < value < _SMALL:
        return
    digits = sys.get_int_max_str_digits()
    if digits and abs(value) >= 10**digits:
        raise RequestValidationError(_where(where), f"integer has more than {digits} digits")


def _text(value: str, path: str) -> None:
    """Text that can be sent as UTF-8 (no lone surrogate)."""
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise RequestValidationError(path, "is not valid text (a lone surrogate such as '\\ud800')") from None


class _Scalar(Kind):
    __slots__ = ("_accepts", "_name")

    def __init__(self, expected: str, name: str, json_types: tuple[type, ...], accepts: tuple[type, ...]) -> None:
        self.expected = expected
        self.json_types = frozenset(json_types)
        self._name = name
        self._accepts = accepts

    def read(self, value: Any, path: str, origin: Origin | None = None) -> Any:
        if type(value) in self.json_types:  # type: ignore[operator]
            return value
        raise self._mismatch(value, path, origin)

    def check(self, value: Any, path: str, depth: int = 0) -> Any:
        if type(value) is bool and self is BOOL:
            return value
        if not isinstance(value, self._accepts) or (isinstance(value, bool) and bool not in self._accepts):
            raise RequestValidationError(path, f"expected {self._name}, got {_got(value)}")
        if isinstance(value, float):
            if not math.isfinite(value):
                raise RequestValidationError(path, "expected a finite number")
        elif not isinstance(value, bool):
            _integer(value, path)
        return value


class _Str(_Scalar):
    __slots__ = ()

    def check(self, value: Any, path: str, depth: int = 0) -> Any:
        if type(value) is str and value.isascii():
            return value
        if not isinstance(value, str):
            raise RequestValidationError(path, f"expected a string, got {_got(value)}")
        _text(value, path)
        return value


class _Null(Kind):
    __slots__ = ()
    expected = "null"
    json_types = frozenset((type(None),))

    def read(self, value: Any, path: str, origin: Origin | None = None) -> Any:
        if value is None:
            return None
        raise self._mismatch(value, path, origin)

    def check(self, value: Any, path: str, depth: int = 0) -> Any:
        if value is not None:
            raise RequestValidationError(path, f"expected null, got {_got(value)}")
        return None


class _DateTime(Kind):
    __slots__ = ()
    expected = "date-time string"
    json_types = frozenset((str,))

    def read(self, value: Any, path: str, origin: Origin | None = None) -> Any:
        if type(value) is not str:
            raise self._mismatch(value, path, origin)
        try:
            return datetime.datetime.fromisoformat(value)
        except ValueError:
            raise _fail(path, f"expected a date-time string, got {value!r}", origin) from None

    def check(self, value: Any, path: str, depth: int = 0) -> Any:
        if isinstance(value, datetime.datetime):
            return value.isoformat()
        return STR.check(value, path, depth)


class _Object(Kind):
    """A free-form JSON object: received as a plain dict, sent if it is plain JSON."""

    __slots__ = ()
    expected = "object"
    json_types = frozenset((dict,))

    def read(self, value: Any, path: str, origin: Origin | None = None) -> Any:
        if type(value) is dict:
            return FrozenDict(value)
        raise self._mismatch(value, path, origin)

    def check(self, value: Any, path: str, depth: int = 0) -> Any:
        if type(value) is not dict and not isinstance(value, Mapping):
            raise RequestValidationError(path, f"expected an object, got {_got(value)}")
        return check_json(value, path, depth)


class _Any(Kind):
    __slots__ = ()
    expected = "any"
    json_types = None

    def read(self, value: Any, path: str, origin: Origin | None = None) -> Any:
        return frozen(value)

    def check(self, value: Any, path: str, depth: int = 0) -> Any:
        return check_json(value, path, depth)


STR: Kind = _Str("string", "a string", (str,), (str,))
INT: Kind = _Scalar("integer", "an integer", (int,), (int,))
FLOAT: Kind = _Scalar("number", "a number", (int, float), (int, float))
BOOL: Kind = _Scalar("boolean", "a boolean", (bool,), (bool,))
NULL: Kind = _Null()
DATETIME: Kind = _DateTime()
OBJECT: Kind = _Object()
ANY: Kind = _Any()


class ListOf(Kind):
    __slots__ = ("item",)
    expected = "array"
    json_types = frozenset((list,))

    def __init__(self, item: Kind) -> None:
        self.item = item

    def read(self, value: Any, path: str, origin: Origin | None = None) -> Any:
        if type(value) is not list:
            raise self._mismatch(value, path, origin)
        read = self.item.read
        return FrozenList([read(item, f"{path}[{i}]", origin) for i, item in enumerate(value)])

    def check(self, value: Any, path: str, depth: int = 0) -> Any:
        if type(value) is not list and not isinstance(value, list | tuple):
            raise RequestValidationError(path, f"expected a list, got {_got(value)}")
        check = self.item.check
        return [check(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value)]


class EnumOf(Kind):
    """A string with known values (an ``enum.Enum``); a value this client does not know yet is kept as text."""

    __slots__ = ("enum",)
    expected = "string"
    json_types = frozenset((str,))

    def __init__(self, enum_class: type[enum.Enum]) -> None:
        self.enum = enum_class

    def read(self, value: Any, path: str, origin: Origin | None = None) -> Any:
        if type(value) is not str:
            raise self._mismatch(value, path, origin)
        try:
            return self.enum(value)
        except ValueError:
            return value

    def check(self, value: Any, path: str, depth: int = 0) -> Any:
        if type(value) is str and value.isascii():
            return value
        if isinstance(value, enum.Enum):
            return value.value
        return STR.check(value, path, depth)  # not checked against the known values: the server may know more


_MISSING: Any = object()


class ModelOf(Kind):
    """A JSON object described by a generated model (its ``_fields``, read when first needed)."""

    __slots__ = ("_checks", "_required", "model")
    expected = "object"
    json_types = frozenset((dict,))

    def __init__(self, model: type[Model]) -> None:
        self.model = model
        self._checks: dict[str, Any] | None = None
        self._required: list[str] = []

    def read(self, value: Any, path: str, origin: Origin | None = None) -> Any:
        if type(value) is not dict:
            raise self._mismatch(value, path, origin)
        return self.model._view(value, path, origin)

    def check(self, value: Any, path: str, depth: int = 0) -> Any:
        model = self.model
        checks = self._checks
        if checks is None:  # compiled on first use: models refer to each other
            fields = model._fields
            # None for a plain string field: checked inline below (most fields are; a call saves a frame each)
            checks = self._checks = {key: None if f.kind is STR else f.kind.check for key, f in fields.items()}
            self._required = [key for key, field in fields.items() if field.required]
        if type(value) is not dict:
            if isinstance(value, model):
                value = value._data
            elif not isinstance(value, Mapping):
                raise RequestValidationError(
                    path, f"expected an object ({model.__name__} or a dict), got {_got(value)}"
                )
        if depth >= MAX_JSON_DEPTH:
            raise RequestValidationError(path, f"nested deeper than {MAX_JSON_DEPTH} levels")
        depth += 1
        out: dict[str, Any] = {}
        for key, item in value.items():
            check = checks.get(key, _MISSING)
            if check is None:
                if type(item) is str and item.isascii():
                    out[key] = item
                    continue
                check = STR.check
            elif check is _MISSING:
                if not model._open:
                    known = f" (fields: {', '.join(model._fields)})" if model._fields else ""
                    raise RequestValidationError(f"{path}.{key}" if path else str(key), f"unknown field{known}")
                check = check_json
            out[key] = check(item, f"{path}.{key}" if path else key, depth)
        for key in self._required:
            if key not in out:
                raise RequestValidationError(f"{path}.{key}" if path else key, "is required")
        return out


class UnionOf(Kind):
    __slots__ = ("_closed", "variants")

    def __init__(self, *variants: Kind) -> None:
        self.variants = variants
        self.expected = " or ".join(variant.expected for variant in variants)
        types = [variant.json_types for variant in variants]
        self.json_types = None if None in types else frozenset().union(*types)  # type: ignore[arg-type]
        self._closed: list[tuple[Kind, Any]] | None = None

    def read(self, value: Any, path: str, origin: Origin | None = None) -> Any:
        if value is None and NULL in self.variants:
            return None
        for variant in self.variants:
            if variant is not NULL:
                try:
                    return variant.read(value, path, origin)
                except ResponseValidationError:
                    if not variant.fits(value):
                        continue
                    raise  # the right shape, wrong inside: that error names the field
        raise self._mismatch(value, path, origin)

    def check(self, value: Any, path: str, depth: int = 0) -> Any:
        # A closed model's field names: a value with a key outside them is surely not that variant. First the
        # variants that know every key of the value, then the others; the first that fits wins, else the error
        # of the likeliest one, which names the real field.
        closed = self._closed
        if closed is None:
            closed = self._closed = [
                (v, v.model._fields.keys() if isinstance(v, ModelOf) and not v.model._open else None)
                for v in self.variants
            ]
        keys = value.keys() if isinstance(value, Mapping) else None
        error: RequestValidationError | None = None
        for likely in (True, False):
            for variant, fields in closed:
                if (fields is None or keys is None or keys <= fields) is likely:
                    try:
                        return variant.check(value, path, depth)
                    except RequestValidationError as exc:
                        error = error or exc
        assert error is not None
        raise error


# --- free-form JSON ------------------------------------------------------------------------------------


def check_json(value: Any, path: str, depth: int = 0) -> Any:
    """Free-form values (attributes, context, variables) must be plain JSON; returned as they are."""
    _json(value, path, depth)
    return value


def _json(value: Any, where: Any, depth: int) -> None:
    """``where`` is the path as a chain of ``(parent, key)`` pairs, made into text only for an error."""
    kind = type(value)
    if kind is str:
        if not value.isascii():
            _text(value, _where(where))
    elif kind is int:
        _integer(value, where)
    elif kind is bool or value is None:
        pass
    elif kind is float or isinstance(value, float):
        if not math.isfinite(value):
            raise RequestValidationError(_where(where), "expected a finite number")
    elif kind is dict or kind is list or isinstance(value, list | tuple | dict):
        if depth >= MAX_JSON_DEPTH:
            raise RequestValidationError(_where(where), f"nested deeper than {MAX_JSON_DEPTH} levels")
        if isinstance(value, dict):
            for key, item in value.items():
                if type(key) is not str:
                    raise RequestValidationError(
                        _where(where), f"object keys must be strings, got {type(key).__name__}"
                    )
                if not key.isascii():
                    _text(key, _where(where))
                _json(item, (where, key), depth + 1)
        else:
            for i, item in enumerate(value):
                _json(item, (where, i), depth + 1)
    elif isinstance(value, str):
        _text(value, _where(where))
    elif isinstance(value, int):  # (subclasses of str, int and bool are JSON too)
        _integer(value, where)
    else:
        raise RequestValidationError(
            _where(where), f"{type(value).__name__} is not JSON (use str, int, float, bool, None, list, dict)"
        )


def _where(where: Any) -> str:
    parts: list[str] = []
    while type(where) is tuple:
        where, key = where
        parts.append(f"[{key}]" if type(key) is int else f".{key}")
    text: str = where + "".join(reversed(parts))
    return text.lstrip(".")


def copy_json(value: Any) -> Any:
    """A copy of decoded JSON, however deeply nested (no recursion: a hostile response cannot exhaust the stack)."""
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


# --- models --------------------------------------------------------------------------------------------


class Field(NamedTuple):
    """One property of a model, keyed by its wire (JSON) name in ``Model._fields``."""

    name: str
    """The Python attribute name."""
    required: bool
    kind: Kind


def _short(value: Any, kind: Kind, depth: int) -> str:
    """A field's value in a repr: text up to 40 characters, a nested model as its own (shorter) repr."""
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:39] + "…")
    if type(value) is dict:
        model = next((v.model for v in getattr(kind, "variants", (kind,)) if isinstance(v, ModelOf)), None)
        if model is not None and depth > 1:
            return model._view(value)._repr(depth - 1)
        return f"{model.__name__}(…)" if model is not None else "{…}" if value else "{}"
    if type(value) is list:
        return f"[{len(value)} item{'' if len(value) == 1 else 's'}]"
    return repr(value)


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
        field = self._fields[wire]
        path = f"{self._path}.{wire}" if self._path else wire
        try:
            raw = self._data[wire]
        except KeyError:
            if field.required:
                raise _fail(path, "is missing", self._origin) from None
            value: Any = UNSET
        else:
            value = field.kind.read(raw, path, self._origin)
        cache[wire] = value
        return value

    def _check(self) -> Self:
        """Checks the top level now: every required property is there with the right JSON type."""
        shape = type(self).__dict__.get("_shape")
        if shape is None:
            shape = type(self)._shape = [(w, f.required, f.kind.json_types) for w, f in self._fields.items()]
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
        return frozen(self._data[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def keys(self) -> KeysView[str]:
        return self._data.keys()

    def get(self, key: str, default: Any = None) -> Any:
        return frozen(self._data.get(key, default))

    # items() and values() are Mapping's: through __getitem__, so their values are read-only too.

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
        return self._repr(2)

    def _repr(self, depth: int) -> str:
        """The type and its first fields (nested models to ``depth`` levels, lists by their length)."""
        limit = 6 if depth > 1 else 3
        shown = []
        for wire, field in self._fields.items():
            if wire in self._data:
                shown.append(f"{field.name}={_short(self._data[wire], field.kind, depth)}")
                if len(shown) == limit:
                    break
        more = ", …" if len(self._data) > len(shown) else ""
        return f"{type(self).__name__}({', '.join(shown)}{more})"

    def to_json(self, *, indent: int | None = None) -> str:
        """The JSON object as text, exactly as received (``json.dumps(obj.to_dict())``)."""
        import json

        return json.dumps(self._data, indent=indent, ensure_ascii=False)

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self)._view, (self._data, self._path, self._origin)

    def __copy__(self) -> Self:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        return type(self)._view(copy_json(self._data), self._path, self._origin)


__all__ = [
    "ANY",
    "BOOL",
    "DATETIME",
    "FLOAT",
    "INT",
    "MAX_JSON_DEPTH",
    "NULL",
    "OBJECT",
    "STR",
    "EnumOf",
    "Field",
    "Kind",
    "ListOf",
    "Model",
    "ModelOf",
    "Origin",
    "UnionOf",
    "check_json",
    "copy_json",
    "to_json",
]
