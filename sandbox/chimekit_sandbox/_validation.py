"""Checking JSON values against the operation table's schemas, with a message naming the field.

The schemas are ``chimekit_api.api``'s: JSON Schema 2020-12 (OpenAPI 3.1's dialect) with every ``$ref``
already resolved by ``make generate``. jsonschema-rs compiles each one as it is (``Schema``), with the
spec's one vendor keyword registered: ``x-chimekit-max-depth`` (on ``JsonObject``), how many levels of
objects and arrays a free-form value nests at most. The package docstring says why jsonschema-rs rather
than python-jsonschema.

Of all the errors of a value, the one reported is the shallowest (unions last); a failed ``oneOf`` or
``anyOf`` reports the branch the value most resembles, else the description of the schema that holds
it, found by walking the schema along the error's schema path.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import jsonschema_rs

DEPTH_KEYWORD: Final = "x-chimekit-max-depth"
"""The spec's keyword for the levels of objects and arrays a free-form value may nest (itself included)."""

Kind = jsonschema_rs.ValidationErrorKind
Path = tuple[str | int, ...]


class Invalid(Exception):
    """A value the spec forbids; ``str(err)`` is ``"<field path>: <problem>"``."""


def nests_deeper_than(value: Any, limit: int, non_ascii: list[str] | None = None) -> bool:
    """Whether ``value`` nests objects and arrays more than ``limit`` levels (itself level 1; a scalar nests
    none), walked iteratively: any depth. ``non_ascii``: if given, collects the non-ASCII strings on the way
    (keys included) until the walk ends or finds the value too deep."""
    if not isinstance(value, (dict, list)):
        if non_ascii is not None and isinstance(value, str) and not value.isascii():
            non_ascii.append(value)
        return False
    pending = [(value, 1)]
    while pending:
        node, level = pending.pop()
        if level > limit:
            return True
        if isinstance(node, dict):
            if non_ascii is not None:
                non_ascii.extend(key for key in node if not key.isascii())
            children: Iterable[Any] = node.values()
        else:
            children = node
        for child in children:
            if isinstance(child, (dict, list)):
                pending.append((child, level + 1))
            elif non_ascii is not None and isinstance(child, str) and not child.isascii():
                non_ascii.append(child)
    return False


class _MaxDepth:
    """The ``x-chimekit-max-depth`` keyword: the value nests at most ``limit`` levels."""

    def __init__(self, parent_schema: dict[str, Any], value: Any, schema_path: list[str | int]) -> None:
        self.limit = int(value)

    def validate(self, instance: Any) -> None:
        if nests_deeper_than(instance, self.limit):
            raise ValueError(f"nested deeper than {self.limit} levels")


class Schema:
    """A schema of the table, compiled once; ``formats``: check ``format`` (date-time, ...) too."""

    def __init__(self, schema: Mapping[str, Any], *, formats: bool = False) -> None:
        self.schema = schema
        self._validator = jsonschema_rs.Draft202012Validator(
            dict(schema), validate_formats=formats, keywords={DEPTH_KEYWORD: _MaxDepth}
        )

    def check(self, value: Any, name: str = "") -> None:
        """Raise Invalid naming the field: ``name`` (a parameter's), then the path inside the value.

        A request body has no name: its fields are named from the top (``identities[0].type``) and
        the body itself is ``body``.
        """
        if self._validator.is_valid(value):
            return
        path, problem = _explain(list(self._validator.iter_errors(value)), self.schema)
        raise Invalid(f"{_render(name, path) or 'body'}: {problem}")


# ---------------------------------------------------------------- messages


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _with_article(type_name: str) -> str:
    if type_name == "null":
        return "null"
    return ("an " if type_name[0] in "aeiou" else "a ") + type_name


def _plural(count: Any, noun: str, nouns: str = "") -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {nouns or noun + 's'}"


def _literal(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _composite_description(error: jsonschema_rs.ValidationError, root: Mapping[str, Any]) -> str | None:
    """The description of the schema that holds the failed ``oneOf``/``anyOf`` (if the spec gives one)."""
    node: Any = root
    try:
        for token in error.schema_path[:-1]:  # the last token is the oneOf/anyOf keyword itself
            node = node[token]
    except (KeyError, IndexError, TypeError):
        return None
    description = node.get("description") if isinstance(node, Mapping) else None
    return " ".join(description.split()) if isinstance(description, str) else None


def _explain(errors: Sequence[jsonschema_rs.ValidationError], root: Mapping[str, Any]) -> tuple[Path, str]:
    """The one error worth reporting, as (instance path, problem): the shallowest, unions last."""
    explained = [_explain_one(error, root) for error in errors]
    weak = [isinstance(error.kind, Kind.OneOfNotValid | Kind.AnyOf) for error in errors]
    best = min(range(len(errors)), key=lambda i: (weak[i], len(explained[i][0])))
    return explained[best]


def _branch_rank(errors: Sequence[jsonschema_rs.ValidationError]) -> tuple[int, int]:
    # The branch the input most resembles: fewest errors, then the deepest one (like best_match).
    return len(errors), -max(len(error.instance_path) for error in errors)


def _explain_union(
    error: jsonschema_rs.ValidationError, branches: list[list[Any]], root: Mapping[str, Any]
) -> tuple[Path, str]:
    path: Path = tuple(error.instance_path)
    description = _composite_description(error, root)
    suffix = f": {description}" if description else ""
    if isinstance(error.kind, Kind.OneOfMultipleValid):
        return path, f"matches more than one of the allowed forms{suffix}"
    failing = [branch for branch in branches if branch]
    best = min(_branch_rank(branch) for branch in failing)
    candidates = {_explain(branch, root) for branch in failing if _branch_rank(branch) == best}
    if len(candidates) == 1:  # one branch stands out, or all the close ones say the same
        (only,) = candidates
        return only
    return path, f"matches none of the allowed forms{suffix}"


def _explain_one(error: jsonschema_rs.ValidationError, root: Mapping[str, Any]) -> tuple[Path, str]:
    path: Path = tuple(error.instance_path)
    kind = error.kind
    match kind:
        case Kind.OneOfNotValid(context) | Kind.AnyOf(context) | Kind.OneOfMultipleValid(context):
            return _explain_union(error, context, root)
        case Kind.Required(name):
            return (*path, name), "is required"
        case Kind.AdditionalProperties(unexpected) | Kind.UnevaluatedProperties(unexpected):
            return (*path, unexpected[0]), "is not allowed"
        case Kind.UnevaluatedItems(unexpected):
            return (*path, unexpected[0]), "is not allowed"
        case Kind.Type(types):
            expected = " or ".join(_with_article(name) for name in types)
            return path, f"must be {expected}, not {_type_name(error.instance)}"
        case Kind.Enum(options):
            return path, "must be one of: " + ", ".join(_literal(option) for option in options)
        case Kind.Constant(expected):
            return path, f"must be {_literal(expected)}"
        case Kind.MinLength(limit):
            return path, f"must be at least {_plural(limit, 'character')}"
        case Kind.MaxLength(limit):
            return path, f"must be at most {_plural(limit, 'character')}"
        case Kind.Pattern(pattern):
            return path, f"must match the pattern {pattern}"
        case Kind.Minimum(limit):
            return path, f"must be at least {limit}"
        case Kind.Maximum(limit):
            return path, f"must be at most {limit}"
        case Kind.ExclusiveMinimum(limit):
            return path, f"must be greater than {limit}"
        case Kind.ExclusiveMaximum(limit):
            return path, f"must be less than {limit}"
        case Kind.MultipleOf(factor):
            return path, f"must be a multiple of {factor}"
        case Kind.MinItems(limit):
            return path, f"must have at least {_plural(limit, 'item')}"
        case Kind.MaxItems(limit):
            return path, f"must have at most {_plural(limit, 'item')}"
        case Kind.MinProperties(limit):
            return path, f"must have at least {_plural(limit, 'property', 'properties')}"
        case Kind.MaxProperties(limit):
            return path, f"must have at most {_plural(limit, 'property', 'properties')}"
        case Kind.UniqueItems():
            return path, "must not contain duplicate items"
        case Kind.Format(name):
            return path, f"must be a valid {name}"
        case Kind.Not(schema):
            description = schema.get("description") if isinstance(schema, dict) else None
            return path, " ".join(description.split()) if isinstance(description, str) else "is not allowed"
        case Kind.FalseSchema():
            return path, "is not allowed"
        case Kind.Custom(_, message):
            return path, message
    return path, f"is not valid ({kind.name})"  # a keyword no schema of the spec uses today


def _render(name: str, path: Path) -> str:
    text = name
    for token in path:
        text += f"[{token}]" if isinstance(token, int) else (f".{token}" if text else str(token))
    return text
