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
from collections.abc import Mapping
from typing import Any

from ._constants import MAX_JSON_DEPTH
from ._exceptions import ValidationError


def path_value(name: str, value: object) -> str:
    """An id for one URL path segment: a string that is not ``""``, ``.`` or ``..`` (they address another path)."""
    if not isinstance(value, str):
        raise ValidationError(name, f"expected a string, got {type(value).__name__}")
    if value in ("", ".", ".."):
        raise ValidationError(name, f"{value!r} is not an id")
    _text(value, name)
    return value


def _text(value: str, path: str) -> None:
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValidationError(path, "is not valid text (a lone surrogate such as '\\ud800')") from None


_SCALARS: dict[str, tuple[type, ...]] = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,)}
_NAMES = {"str": "a string", "int": "an integer", "float": "a number", "bool": "a boolean", "None": "null"}


def to_wire(value: Any, kind: Any, path: str, depth: int = 0) -> Any:
    """``value`` checked against ``kind`` (see chimekit_api.types.Kind) and made JSON (models become dicts)."""
    if type(kind) is str:
        if kind == "str" and type(value) is str:  # the common case first
            if not value.isascii():
                _text(value, path)
            return value
        if kind in _SCALARS:
            if not isinstance(value, _SCALARS[kind]) or (kind != "bool" and isinstance(value, bool)):
                raise ValidationError(path, f"expected {_NAMES[kind]}, got {_got(value)}")
            if isinstance(value, str):
                _text(value, path)
            elif isinstance(value, float) and not math.isfinite(value):
                raise ValidationError(path, "expected a finite number")
            return value
        if kind == "None":
            if value is not None:
                raise ValidationError(path, f"expected null, got {_got(value)}")
            return None
        if kind == "object" and not isinstance(value, Mapping):
            raise ValidationError(path, f"expected an object, got {_got(value)}")
        return check_json(value, path, depth)  # "any", "object", "datetime" (as text)
    tag, arg = kind
    if tag == "model":
        return _model_to_wire(value, arg, path, depth)
    if tag == "list":
        if type(value) is not list and not isinstance(value, list | tuple):
            raise ValidationError(path, f"expected a list, got {_got(value)}")
        return [to_wire(item, arg, f"{path}[{i}]", depth + 1) for i, item in enumerate(value)]
    if tag == "enum":
        if isinstance(value, enum.Enum):
            return value.value
        if not isinstance(value, str):
            raise ValidationError(path, f"expected a string, got {_got(value)}")
        _text(value, path)
        return value  # not checked against the known values: the server may know more
    # "union": first the variants that know every key of the value (closed models), then the others; the
    # first that fits wins, else the error of the likeliest one, which names the real field.
    variants = arg
    if len(variants) > 1 and (type(value) is dict or isinstance(value, Mapping)):
        keys = value.keys()
        likely = [v for v in variants if _knows(v, keys)]
        variants = likely + [v for v in variants if v not in likely]
    error: ValidationError | None = None
    for variant in variants:
        try:
            return to_wire(value, variant, path, depth)
        except ValidationError as exc:
            error = error or exc
    assert error is not None
    raise error


def _got(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _knows(kind: Any, keys: Any) -> bool:
    """Whether a union variant accepts every key (True for anything but a closed model)."""
    if type(kind) is not tuple or kind[0] != "model" or kind[1]._open:
        return True
    return bool(keys <= kind[1]._fields.keys())


def _model_to_wire(value: Any, cls: Any, path: str, depth: int) -> dict[str, Any]:
    if isinstance(value, cls):
        value = value._data
    elif type(value) is not dict and not isinstance(value, Mapping):
        raise ValidationError(path, f"expected an object ({cls.__name__} or a dict), got {_got(value)}")
    if depth >= MAX_JSON_DEPTH:
        raise ValidationError(path, f"nested deeper than {MAX_JSON_DEPTH} levels")
    fields = cls._fields
    prefix = f"{path}." if path else ""
    out: dict[str, Any] = {}
    for key, item in value.items():
        field = fields.get(key)
        if field is not None:
            out[key] = to_wire(item, field.kind, prefix + key, depth + 1)
        elif cls._open:
            out[key] = check_json(item, prefix + str(key), depth + 1)
        else:
            hint = f" (fields: {', '.join(fields)})" if fields else ""
            raise ValidationError(prefix + str(key), f"unknown field{hint}")
    if len(out) < len(fields):
        for key, field in fields.items():
            if field.required and key not in out:
                raise ValidationError(prefix + key, "is required")
    return out


def check_json(value: Any, path: str, depth: int = 0) -> Any:
    """Free-form values (attributes, context, variables) must be plain JSON; returned as they are."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        _text(value, path)
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(path, "expected a finite number")
        return value
    if isinstance(value, list | tuple | dict) and depth >= MAX_JSON_DEPTH:
        raise ValidationError(path, f"nested deeper than {MAX_JSON_DEPTH} levels")
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            check_json(item, f"{path}[{i}]", depth + 1)
        return value
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValidationError(path, f"object keys must be strings, got {type(key).__name__}")
            _text(key, path)
            check_json(item, f"{path}.{key}", depth + 1)
        return value
    raise ValidationError(path, f"{type(value).__name__} is not JSON (use str, int, float, bool, None, list, dict)")
