"""Input checks, run before any request.

One rule: the SDK refuses what is surely a mistake and leaves the rest to the server. It checks types,
required fields and unknown keys (a typo such as ``displayname``), and that the value is JSON (finite
numbers, string keys, text that encodes, nesting Python can serialise). It does not refuse a value only
because it is outside a documented enum, length, pattern or range: the server may accept more tomorrow
(a new identity type, a larger page), and its ``400`` names the field. Every field rule comes from the
spec, through the generated models' ``_fields`` (chimekit_api.types.Model) and operations' parameters.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Mapping
from typing import Any

from ._constants import MAX_JSON_DEPTH
from ._exceptions import ValidationError


def path_value(name: str, value: object) -> str:
    """An id for one URL path segment: a string that is not ``""``, ``.`` or ``..`` (they address another path)."""
    if not isinstance(value, str):
        raise ValidationError(name, f"expected a string, got {type(value).__name__}")
    if value in ("", ".", ".."):
        raise ValidationError(name, f"{value!r} is not an id")
    if not value.isascii():
        _text(value, name)
    return value


def _text(value: str, path: str) -> None:
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValidationError(path, "is not valid text (a lone surrogate such as '\\ud800')") from None


Check = Callable[[Any, str, int], Any]
"""A compiled check: ``(value, path, depth)`` → the value as JSON, or ValidationError naming ``path``."""

_NAMES = {"str": "a string", "int": "an integer", "float": "a number", "bool": "a boolean", "None": "null"}
_checks: dict[Any, Check] = {}


def checker(kind: Any) -> Check:
    """The check for ``kind``, compiled once from the generated field tables."""
    check = _checks.get(kind)
    if check is None:
        check = _checks[kind] = _compile(kind)
    return check


def _compile(kind: Any) -> Check:
    if type(kind) is str:
        return _SCALAR_CHECKS.get(kind, check_json)  # "any", "object" (checked below), "datetime" (as text)
    tag, arg = kind
    if tag == "model":
        return _model_check(arg)
    if tag == "list":
        return _list_check(arg)
    if tag == "enum":
        return _enum
    return _union_check(arg)


def _str(value: Any, path: str, depth: int) -> Any:
    if type(value) is str and value.isascii():
        return value
    if not isinstance(value, str):
        raise ValidationError(path, f"expected a string, got {_got(value)}")
    _text(value, path)
    return value


def _number(kind: str, types: tuple[type, ...]) -> Check:
    def check(value: Any, path: str, depth: int) -> Any:
        if not isinstance(value, types) or (isinstance(value, bool) and kind != "bool"):
            raise ValidationError(path, f"expected {_NAMES[kind]}, got {_got(value)}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValidationError(path, "expected a finite number")
        return value

    return check


def _none(value: Any, path: str, depth: int) -> Any:
    if value is not None:
        raise ValidationError(path, f"expected null, got {_got(value)}")
    return None


def _object(value: Any, path: str, depth: int) -> Any:
    if not isinstance(value, Mapping):
        raise ValidationError(path, f"expected an object, got {_got(value)}")
    return check_json(value, path, depth)


def _enum(value: Any, path: str, depth: int) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    return _str(value, path, depth)  # not checked against the known values: the server may know more


def _list_check(kind: Any) -> Check:
    item_check: Check | None = None  # compiled on first use: models may refer to themselves

    def check(value: Any, path: str, depth: int) -> Any:
        nonlocal item_check
        if type(value) is not list and not isinstance(value, list | tuple):
            raise ValidationError(path, f"expected a list, got {_got(value)}")
        item_check = item_check or checker(kind)
        return [item_check(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value)]

    return check


def _model_check(cls: Any) -> Check:
    fields = cls._fields
    required = [key for key, field in fields.items() if field.required]
    is_open = cls._open
    hint = f" (fields: {', '.join(fields)})" if fields else ""
    checks: dict[str, Check] = {}  # compiled on first use: models may refer to themselves

    def check(value: Any, path: str, depth: int) -> Any:
        if not checks:
            checks.update({key: checker(field.kind) for key, field in fields.items()})
        if type(value) is not dict:
            if isinstance(value, cls):
                value = value._data
            elif not isinstance(value, Mapping):
                raise ValidationError(path, f"expected an object ({cls.__name__} or a dict), got {_got(value)}")
        if depth >= MAX_JSON_DEPTH:
            raise ValidationError(path, f"nested deeper than {MAX_JSON_DEPTH} levels")
        prefix = f"{path}." if path else ""
        out: dict[str, Any] = {}
        for key, item in value.items():
            field_check = checks.get(key)
            if field_check is not None:
                out[key] = field_check(item, prefix + key, depth + 1)
            elif is_open:
                out[key] = check_json(item, prefix + str(key), depth + 1)
            else:
                raise ValidationError(prefix + str(key), f"unknown field{hint}")
        for key in required:
            if key not in out:
                raise ValidationError(prefix + key, "is required")
        return out

    return check


def _union_check(variants: tuple[Any, ...]) -> Check:
    # A closed model's field names: a value with a key outside them is surely not that variant.
    known = [
        (
            variant,
            None
            if type(variant) is not tuple or variant[0] != "model" or variant[1]._open
            else variant[1]._fields.keys(),
        )
        for variant in variants
    ]

    def check(value: Any, path: str, depth: int) -> Any:
        # First the variants that know every key of the value, then the others; the first that fits wins,
        # else the error of the likeliest one, which names the real field.
        keys = value.keys() if type(value) is dict or isinstance(value, Mapping) else None
        error: ValidationError | None = None
        for likely in (True, False):
            for variant, fields in known:
                if (fields is None or keys is None or keys <= fields) is likely:
                    try:
                        return checker(variant)(value, path, depth)
                    except ValidationError as exc:
                        error = error or exc
        assert error is not None
        raise error

    return check


_SCALAR_CHECKS: dict[str, Check] = {
    "str": _str,
    "int": _number("int", (int,)),
    "float": _number("float", (int, float)),
    "bool": _number("bool", (bool,)),
    "None": _none,
    "object": _object,
}


def _got(value: Any) -> str:
    return "null" if value is None else type(value).__name__


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
    elif kind is int or kind is bool or value is None:
        pass
    elif kind is float or isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(_where(where), "expected a finite number")
    elif kind is dict or kind is list or isinstance(value, list | tuple | dict):
        if depth >= MAX_JSON_DEPTH:
            raise ValidationError(_where(where), f"nested deeper than {MAX_JSON_DEPTH} levels")
        if isinstance(value, dict):
            for key, item in value.items():
                if type(key) is not str:
                    raise ValidationError(_where(where), f"object keys must be strings, got {type(key).__name__}")
                if not key.isascii():
                    _text(key, _where(where))
                _json(item, (where, key), depth + 1)
        else:
            for i, item in enumerate(value):
                _json(item, (where, i), depth + 1)
    elif isinstance(value, str):
        _text(value, _where(where))
    elif not isinstance(value, int):  # (subclasses of str, int and bool are JSON too)
        raise ValidationError(
            _where(where), f"{type(value).__name__} is not JSON (use str, int, float, bool, None, list, dict)"
        )


def _where(where: Any) -> str:
    parts: list[str] = []
    while type(where) is tuple:
        where, key = where
        parts.append(f"[{key}]" if type(key) is int else f".{key}")
    text: str = where + "".join(reversed(parts))
    return text.lstrip(".")
