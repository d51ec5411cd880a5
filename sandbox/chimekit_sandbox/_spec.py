"""The spec as the sandbox runs it: routes, parameters and request schemas, all read from the document.

The document is ``chimekit_api``'s package data ``openapi.json`` (what ``make generate`` writes from
openapi/chimekit.yaml), parsed once per process. ``compile_routes`` turns it into a ``RouteTable``:
one ``Route`` per path template with its operations by method, each with compiled validators for its
path, query and header parameters and its JSON request body. Nothing here knows a path, an operation
or a field of the ChimeKit API; whatever the document does not say (an unsupported parameter style,
a second success status, a non-JSON body) is refused loudly when the table is built.

Validation is JSON Schema 2020-12 (OpenAPI 3.1's dialect) by jsonschema-rs, in place against the
whole document (a registry holds it, so every ``$ref`` resolves generically); the package docstring
says why jsonschema-rs rather than python-jsonschema. Validators are compiled once per process (about
1 ms for the whole table); a new app reuses them.
"""

from __future__ import annotations

import copy
import functools
import importlib.resources
import json
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import quote, unquote

import jsonschema_rs

MAX_DEPTH: Final = 32
"""Free-form JSON values (schemas that allow any object or array) nest at most this many levels."""

_BASE_URI: Final = "urn:chimekit-sandbox:openapi"
_DEPTH_KEYWORD: Final = "x-chimekit-sandbox-max-depth"
_METHODS: Final = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Where JSON Schema 2020-12 keeps subschemas: one, a list of them, or a map of them.
_SUBSCHEMA: Final = (
    *("additionalProperties", "items", "not", "contains", "propertyNames", "if", "then", "else"),
    *("unevaluatedItems", "unevaluatedProperties", "contentSchema"),
)
_SUBSCHEMA_LISTS: Final = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMA_MAPS: Final = ("properties", "patternProperties", "$defs", "dependentSchemas")
# Characters a path segment may carry unencoded (RFC 3986 pchar minus unreserved, which quote keeps).
_PCHAR: Final = "!$&'()*+,;=:@"
Kind = jsonschema_rs.ValidationErrorKind


class SpecError(Exception):
    """The document asks for something the sandbox cannot serve (raised when the route table is built)."""


@functools.cache
def load_spec() -> dict[str, Any]:
    """The spec, from ``chimekit_api``'s package data (parsed once per process; do not mutate it)."""
    text = (importlib.resources.files("chimekit_api") / "openapi.json").read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


# ---------------------------------------------------------------- JSON pointers and $ref


def _pointer(*tokens: str | int) -> str:
    return "".join("/" + str(token).replace("~", "~0").replace("/", "~1") for token in tokens)


def _at(doc: Any, pointer: str) -> Any:
    node = doc
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        try:
            node = node[int(token)] if isinstance(node, list) else node[token]
        except (KeyError, IndexError, ValueError, TypeError):
            raise SpecError(f"#{pointer} does not exist in the spec") from None
    return node


def _resolve(doc: Any, pointer: str) -> tuple[str, Any]:
    """The node at ``pointer`` after following ``$ref``s (local ones), with its own pointer."""
    seen = {pointer}
    node = _at(doc, pointer)
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise SpecError(f"#{pointer}: only references within the spec are supported, not {ref!r}")
        pointer = unquote(ref[1:])
        if pointer in seen:
            raise SpecError(f"#{pointer}: circular reference")
        seen.add(pointer)
        node = _at(doc, pointer)
    return pointer, node


# ---------------------------------------------------------------- free-form depth


def _deeper_than(value: Any, levels: int) -> bool:
    if isinstance(value, dict):
        children: Any = value.values()
    elif isinstance(value, list):
        children = value
    else:
        return False
    return levels == 0 or any(_deeper_than(child, levels - 1) for child in children)


class _MaxDepth:
    """The custom keyword added to free-form schemas: the value nests at most ``limit`` levels."""

    def __init__(self, parent_schema: dict[str, Any], value: Any, schema_path: list[str | int]) -> None:
        self.limit = int(value)

    def validate(self, instance: Any) -> None:
        if _deeper_than(instance, self.limit):
            raise ValueError(f"nested deeper than {self.limit} levels")


def _is_free_form(schema: dict[str, Any]) -> bool:
    """A schema that accepts any object or any array (its content is the client's, unchecked)."""
    types = schema.get("type")
    types = [types] if isinstance(types, str) else types or []
    if "$ref" in schema or not {"object", "array"} & set(types):
        return False
    closed_object = "properties" in schema or "patternProperties" in schema
    closed_object |= schema.get("additionalProperties", True) not in (True, {})
    closed_array = schema.get("items", True) not in (True, {}) or "prefixItems" in schema
    return ("object" in types and not closed_object) or ("array" in types and not closed_array)


def _limit_depth(doc: dict[str, Any], pointer: str, seen: set[str]) -> None:
    """Mark every free-form schema reachable from ``pointer`` with the depth keyword (in place)."""
    if pointer in seen:
        return
    seen.add(pointer)
    node = _at(doc, pointer)
    if not isinstance(node, dict):
        return
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#"):
        _limit_depth(doc, unquote(ref[1:]), seen)
    if _is_free_form(node):
        node[_DEPTH_KEYWORD] = MAX_DEPTH
        return
    for keyword in _SUBSCHEMA:
        if isinstance(node.get(keyword), dict):
            _limit_depth(doc, pointer + _pointer(keyword), seen)
    for keyword in _SUBSCHEMA_LISTS:
        for index in range(len(node.get(keyword) or ())):
            _limit_depth(doc, pointer + _pointer(keyword, index), seen)
    for keyword in _SUBSCHEMA_MAPS:
        for name in node.get(keyword) or {}:
            _limit_depth(doc, pointer + _pointer(keyword, name), seen)


# ---------------------------------------------------------------- validation messages


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


Path = tuple[str | int, ...]


def _composite_description(error: jsonschema_rs.ValidationError, doc: Any) -> str | None:
    """The description of the schema that holds the failed ``oneOf``/``anyOf`` (if the spec gives one)."""
    location = error.absolute_keyword_location or ""
    if not location.startswith(_BASE_URI + "#"):
        return None
    pointer = unquote(location.partition("#")[2]).rsplit("/", 1)[0]
    try:
        description = _at(doc, pointer).get("description")
    except (SpecError, AttributeError):
        return None
    return " ".join(description.split()) if isinstance(description, str) else None


def _explain(errors: Sequence[jsonschema_rs.ValidationError], doc: Any) -> tuple[Path, str]:
    """The one error worth reporting, as (instance path, problem): the shallowest, unions last."""
    explained = [_explain_one(error, doc) for error in errors]
    weak = [isinstance(error.kind, Kind.OneOfNotValid | Kind.AnyOf) for error in errors]
    best = min(range(len(errors)), key=lambda i: (weak[i], len(explained[i][0])))
    return explained[best]


def _branch_rank(errors: Sequence[jsonschema_rs.ValidationError]) -> tuple[int, int]:
    # The branch the input most resembles: fewest errors, then the deepest one (like best_match).
    return len(errors), -max(len(error.instance_path) for error in errors)


def _explain_union(error: jsonschema_rs.ValidationError, branches: list[list[Any]], doc: Any) -> tuple[Path, str]:
    path: Path = tuple(error.instance_path)
    description = _composite_description(error, doc)
    suffix = f": {description}" if description else ""
    if isinstance(error.kind, Kind.OneOfMultipleValid):
        return path, f"matches more than one of the allowed forms{suffix}"
    failing = [branch for branch in branches if branch]
    best = min(_branch_rank(branch) for branch in failing)
    candidates = {_explain(branch, doc) for branch in failing if _branch_rank(branch) == best}
    if len(candidates) == 1:  # one branch stands out, or all the close ones say the same
        (only,) = candidates
        return only
    return path, f"matches none of the allowed forms{suffix}"


def _explain_one(error: jsonschema_rs.ValidationError, doc: Any) -> tuple[Path, str]:
    path: Path = tuple(error.instance_path)
    kind = error.kind
    match kind:
        case Kind.OneOfNotValid(context) | Kind.AnyOf(context) | Kind.OneOfMultipleValid(context):
            return _explain_union(error, context, doc)
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
        case Kind.Referencing(problem):
            raise SpecError(f"the spec has a broken reference: {problem}")
    return path, f"is not valid ({kind.name})"  # a keyword no request schema of the spec uses today


def _render(name: str, path: Path) -> str:
    text = name
    for token in path:
        text += f"[{token}]" if isinstance(token, int) else (f".{token}" if text else str(token))
    return text


class Invalid(Exception):
    """A value the spec forbids; ``str(err)`` is ``"<field path>: <problem>"``."""


class Schema:
    """A schema of the spec, validated in place (its ``$ref``s resolve within the whole document).

    Created while the route table is read, compiled by ``compile_routes`` once every schema is known
    (the free-form ones get the depth keyword first).
    """

    def __init__(self, pointer: str, doc: dict[str, Any]) -> None:
        self.pointer = pointer
        self._doc = doc
        self._validator: jsonschema_rs.Validator | None = None

    def compile(self, registry: jsonschema_rs.Registry) -> None:
        reference = {"$ref": f"{_BASE_URI}#{quote(self.pointer, safe='/~')}"}
        self._validator = jsonschema_rs.Draft202012Validator(
            reference, registry=registry, keywords={_DEPTH_KEYWORD: _MaxDepth}
        )

    def check(self, value: Any, name: str = "") -> None:
        """Raise Invalid naming the field: ``name`` (a parameter's), then the path inside the value.

        A request body has no name: its fields are named from the top (``identities[0].type``) and
        the body itself is ``body``.
        """
        assert self._validator is not None, "compiled by compile_routes"
        if self._validator.is_valid(value):
            return
        path, problem = _explain(list(self._validator.iter_errors(value)), self._doc)
        raise Invalid(f"{_render(name, path) or 'body'}: {problem}")


# ---------------------------------------------------------------- operations and routes

_INTEGER: Final = re.compile(r"-?[0-9]+")
_NUMBER: Final = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
MISSING: Final[Any] = object()
"""A parameter's default when its schema has none."""


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


_COERCIONS: Final[dict[str, Callable[[str], Any]]] = {
    "string": str,
    "integer": _to_integer,
    "number": _to_number,
    "boolean": _to_boolean,
}


@dataclass(frozen=True)
class Parameter:
    """A path, query or header parameter: its string is coerced by the schema's type, then validated."""

    name: str
    location: str
    required: bool
    schema: Schema
    coerce: Callable[[str], Any]
    default: Any = MISSING

    @property
    def key(self) -> str:
        """The name to look the parameter up by (HTTP header names are case-insensitive)."""
        return self.name.lower() if self.location == "header" else self.name

    def value(self, raw: str) -> Any:
        try:
            value = self.coerce(raw)
        except ValueError as exc:
            raise Invalid(f"{self.name}: {exc}") from None
        self.schema.check(value, self.name)
        return value


@dataclass(frozen=True)
class Body:
    required: bool
    media_type: str
    schema: Schema


@dataclass(frozen=True)
class Operation:
    operation_id: str
    path_parameters: tuple[Parameter, ...]  # in the order of the template's ``{…}`` segments
    query_parameters: tuple[Parameter, ...]
    header_parameters: tuple[Parameter, ...]
    body: Body | None
    status: int
    has_content: bool
    secured: bool


@dataclass(frozen=True)
class Route:
    """One path template: ``segments`` holds the raw literal bytes, or None where a parameter goes."""

    path: str
    segments: tuple[bytes | None, ...]
    operations: Mapping[str, Operation]

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

    @property
    def operations(self) -> Iterator[Operation]:
        for route in self.routes:
            yield from route.operations.values()


_TEMPLATE_PARAMETER: Final = re.compile(r"\{([^{}]+)\}")
_DEFAULT_STYLES: Final = {"path": "simple", "query": "form", "header": "simple"}
_IGNORED_HEADERS: Final = frozenset({"accept", "content-type", "authorization"})  # as OpenAPI says


def compile_routes(spec: Mapping[str, Any]) -> RouteTable:
    """The route table for ``spec``; SpecError if the sandbox cannot serve what it describes."""
    reader = _Reader(spec)
    table = RouteTable(tuple(sorted(reader.routes(), key=lambda route: [s is None for s in route.segments])))
    seen: set[str] = set()
    for schema in reader.schemas:
        _limit_depth(reader.doc, schema.pointer, seen)
    registry = jsonschema_rs.Registry([(_BASE_URI, reader.doc)], draft=jsonschema_rs.Draft202012)
    for schema in reader.schemas:
        schema.compile(registry)
    return table


@functools.cache
def default_routes() -> RouteTable:
    """The route table of the spec in ``chimekit_api`` (compiled once per process)."""
    return compile_routes(load_spec())


class _Reader:
    """Reads operations out of (a private copy of) the document, collecting the schemas to compile."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.doc: dict[str, Any] = copy.deepcopy(dict(spec))
        self.schemas: list[Schema] = []
        self._operation_ids: set[str] = set()

    def _schema(self, pointer: str) -> Schema:
        schema = Schema(pointer, self.doc)
        self.schemas.append(schema)
        return schema

    def routes(self) -> Iterator[Route]:
        for path in self.doc.get("paths") or {}:
            pointer, item = _resolve(self.doc, _pointer("paths", path))
            segments: list[bytes | None] = []
            names: list[str] = []
            if not path.startswith("/"):
                raise SpecError(f"path {path!r} does not start with /")
            for segment in path.split("/")[1:]:
                match = _TEMPLATE_PARAMETER.fullmatch(segment)
                if match:
                    segments.append(None)
                    names.append(match.group(1))
                elif "{" in segment or "}" in segment:
                    raise SpecError(f"{path}: a parameter must be a whole path segment")
                else:
                    segments.append(quote(segment, safe=_PCHAR).encode("ascii"))
            operations = {
                method.upper(): self._operation(path, names, pointer, method, item)
                for method in _METHODS
                if method in item
            }
            yield Route(path, tuple(segments), operations)

    def _operation(self, path: str, names: list[str], item_pointer: str, method: str, item: Any) -> Operation:
        pointer = item_pointer + _pointer(method)
        operation = item[method]
        where = f"{method.upper()} {path}"
        operation_id = operation.get("operationId")
        if not isinstance(operation_id, str) or operation_id in self._operation_ids:
            raise SpecError(f"{where}: needs an operationId of its own")
        self._operation_ids.add(operation_id)
        parameters: dict[tuple[str, str], Parameter] = {}
        for owner, owner_pointer in ((item, item_pointer), (operation, pointer)):  # the operation's win
            for index in range(len(owner.get("parameters") or ())):
                parameter = self._parameter(where, owner_pointer + _pointer("parameters", index))
                if parameter is not None:
                    parameters[parameter.name, parameter.location] = parameter
        by_location: dict[str, list[Parameter]] = {"path": [], "query": [], "header": []}
        for parameter in parameters.values():
            by_location[parameter.location].append(parameter)
        declared = {parameter.name: parameter for parameter in by_location["path"]}
        if sorted(declared) != sorted(names):
            raise SpecError(f"{where}: path parameters {sorted(declared)} do not match the template")
        return Operation(
            operation_id=operation_id,
            path_parameters=tuple(declared[name] for name in names),
            query_parameters=tuple(by_location["query"]),
            header_parameters=tuple(by_location["header"]),
            body=self._body(where, pointer + _pointer("requestBody")) if "requestBody" in operation else None,
            **self._success(where, pointer + _pointer("responses")),
            secured=self._secured(where, operation.get("security", self.doc.get("security") or [])),
        )

    def _parameter(self, where: str, pointer: str) -> Parameter | None:
        pointer, node = _resolve(self.doc, pointer)
        name, location = node.get("name"), node.get("in")
        where = f"{where}: parameter {name!r}"
        if location == "header" and str(name).lower() in _IGNORED_HEADERS:
            return None
        if location not in _DEFAULT_STYLES or node.get("style", _DEFAULT_STYLES[location]) != _DEFAULT_STYLES[location]:
            raise SpecError(
                f"{where}: in {location!r}, style {node.get('style')!r} is not supported (only path, query "
                "and header parameters of the default style)"
            )
        if "schema" not in node:
            raise SpecError(f"{where}: needs a schema")
        wrapper = node["schema"]
        _, schema = _resolve(self.doc, pointer + "/schema")
        types = schema.get("type", "string")
        types = [types] if isinstance(types, str) else [t for t in types if t != "null"]
        if len(types) != 1 or types[0] not in _COERCIONS:
            raise SpecError(f"{where}: only one scalar type is supported, not {types}")
        return Parameter(
            name=str(name),
            location=location,
            required=bool(node.get("required")) or location == "path",
            schema=self._schema(pointer + "/schema"),
            coerce=_COERCIONS[types[0]],
            default=wrapper.get("default", schema.get("default", MISSING)),
        )

    def _body(self, where: str, pointer: str) -> Body:
        pointer, node = _resolve(self.doc, pointer)
        content = node.get("content") or {}
        if len(content) != 1 or "schema" not in next(iter(content.values())):
            raise SpecError(f"{where}: the request body needs exactly one media type, with a schema")
        (media_type,) = content
        if media_type.lower() != "application/json":
            raise SpecError(f"{where}: only application/json request bodies are supported, not {media_type}")
        return Body(
            required=bool(node.get("required")),
            media_type=media_type.lower(),
            schema=self._schema(pointer + _pointer("content", media_type, "schema")),
        )

    def _success(self, where: str, pointer: str) -> dict[str, Any]:
        responses = _at(self.doc, pointer)
        codes = [code for code in responses if str(code).startswith("2")]
        if len(codes) != 1 or not str(codes[0]).isdigit():
            raise SpecError(f"{where}: needs exactly one success status, not {codes}")
        _, response = _resolve(self.doc, pointer + _pointer(codes[0]))
        return {"status": int(codes[0]), "has_content": bool(response.get("content"))}

    def _secured(self, where: str, requirements: list[dict[str, Any]]) -> bool:
        if not requirements or {} in requirements:
            return False
        schemes = self.doc.get("components", {}).get("securitySchemes", {})
        for requirement in requirements:
            for name in requirement:
                scheme = schemes.get(name, {})
                if scheme.get("type") != "http" or str(scheme.get("scheme")).lower() != "bearer":
                    raise SpecError(f"{where}: only HTTP bearer security is supported, not {name!r}")
        return True
