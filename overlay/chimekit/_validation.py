"""Input checks, run before any request. The field rules come from the spec: every generated model
carries ``_schema = (additional properties allowed, {wire name: (required, type)})`` (see
templates/model.py.jinja), where a type is ``"str" | "int" | "float" | "bool" | "None" | "any"``,
``("list", type)``, ``("model", "ClassName")``, ``("enum", values)`` or ``("union", types)``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ._exceptions import ValidationError

_SCALARS: dict[str, tuple[type, ...]] = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,)}
_classes: dict[str, Any] = {}


def path_segment(name: str, value: object) -> str:
    """An id for one URL path segment, percent-encoded; ``""``, ``.`` and ``..`` would address another endpoint."""
    if not isinstance(value, str):
        raise ValidationError(name, f"expected a string, got {type(value).__name__}")
    if value in ("", ".", ".."):
        raise ValidationError(name, f"{value!r} is not an id")
    return quote(value, safe="")


def check_int(name: str, value: object, low: int, high: int | None = None) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationError(name, f"expected an integer, got {type(value).__name__}")
    if value < low or (high is not None and value > high):
        raise ValidationError(name, f"must be {low}–{high}, got {value}" if high else f"must be >= {low}, got {value}")
    return value


def merge(data: object, keywords: dict[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    """``data`` (a mapping with wire keys, or a generated model) plus the keyword arguments that are not None.

    ``names`` maps wire names to the keyword (snake_case) names.
    """
    if data is None:
        body: dict[str, Any] = {}
    elif isinstance(data, Mapping):
        body = dict(data)
    elif hasattr(data, "to_dict") and hasattr(data, "_schema"):
        body = data.to_dict()
    else:
        raise ValidationError("", f"expected a dict or a chimekit_api model, got {type(data).__name__}")
    for wire, snake in names.items():
        value = keywords.get(snake)
        if value is not None:
            if wire in body:
                raise ValidationError(wire, f"given twice (in the dict and as {snake}=)")
            body[wire] = value
    return body


def to_wire(value: Any, kind: Any, path: str) -> Any:
    """``value`` checked against ``kind`` and made JSON-ready (models become dicts); raises ValidationError."""
    if isinstance(kind, str):
        if kind == "any":
            check_json(value, path)
        elif kind == "None":
            if value is not None:
                raise ValidationError(path, f"expected null, got {type(value).__name__}")
        elif not isinstance(value, _SCALARS[kind]) or (kind != "bool" and isinstance(value, bool)):
            raise ValidationError(path, f"expected {kind}, got {type(value).__name__}")
        elif isinstance(value, float) and not math.isfinite(value):
            raise ValidationError(path, "expected a finite number")
        return value
    tag, arg = kind
    if tag == "model":
        return _model_to_wire(value, arg, path)
    if tag == "list":
        if not isinstance(value, list | tuple):
            raise ValidationError(path, f"expected a list, got {type(value).__name__}")
        return [to_wire(item, arg, f"{path}[{i}]") for i, item in enumerate(value)]
    if tag == "enum":
        if value not in arg:
            raise ValidationError(path, f"expected one of {', '.join(map(repr, arg))}, got {value!r}")
        return getattr(value, "value", value)
    # "union": variants tried in order of how many of the value's keys they lack (closed models; the
    # fewer, the likelier the one meant); the first that fits wins, else the likeliest one's error.
    if isinstance(value, Mapping) and len(arg) > 1:
        arg = sorted(arg, key=lambda variant: _unknown_keys(value, variant))
    error: ValidationError | None = None
    for variant in arg:
        try:
            return to_wire(value, variant, path)
        except ValidationError as exc:
            error = error or exc
    assert error is not None
    raise error


def _unknown_keys(value: Mapping[str, Any], kind: Any) -> int:
    if not (isinstance(kind, tuple) and kind[0] == "model"):
        return 0
    open_, fields = model_class(kind[1])._schema
    return 0 if open_ else sum(key not in fields for key in value)


def model_class(class_name: str) -> Any:
    """A generated model class by name; ``chimekit_api.models`` is imported on first use (keeps the import light)."""
    cls = _classes.get(class_name)
    if cls is None:
        import chimekit_api.models as models

        cls = _classes[class_name] = getattr(models, class_name)
    return cls


def _model_to_wire(value: Any, class_name: str, path: str) -> dict[str, Any]:
    cls = model_class(class_name)
    if isinstance(value, cls):
        value = value.to_dict()
    elif not isinstance(value, Mapping):
        raise ValidationError(path, f"expected an object, got {type(value).__name__}")
    open_, fields = cls._schema
    prefix = f"{path}." if path else ""
    out: dict[str, Any] = {}
    for key, item in value.items():
        field = fields.get(key)
        if field is not None:
            out[key] = to_wire(item, field[1], prefix + str(key))
        elif open_:
            check_json(item, prefix + str(key))
            out[key] = item
        else:
            hint = f" (fields: {', '.join(fields)})" if fields else ""
            raise ValidationError(prefix + str(key), f"unknown field{hint}")
    for key, (required, _) in fields.items():
        if required and key not in out:
            raise ValidationError(prefix + key, "is required")
    return out


def check_json(value: Any, path: str) -> None:
    """Free-form values (attributes, context, variables) must be plain JSON."""
    if value is None or isinstance(value, str | bool | int):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(path, "expected a finite number")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            check_json(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValidationError(path, f"object keys must be strings, got {type(key).__name__}")
            check_json(item, f"{path}.{key}")
    else:
        raise ValidationError(path, f"{type(value).__name__} is not JSON (use str, int, float, bool, None, list, dict)")
