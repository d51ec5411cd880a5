"""The spec a run checks: ``chimekit_api/openapi.json`` from the installed chimekit, in one of two profiles.

``full`` is the document as published. ``docs`` keeps only what ChimeKit's docs promise: everything the
document marks as its own decision (``x-chimekit-decision`` / ``x-chimekit-decisions``, see its
``info.description``) is taken out, and every operation gets a ``default`` response, so any status the
docs do not define is accepted. Everything here reads the document: operationIds, methods, paths,
parameters, examples, links and decisions; nothing of the API is written in this package.
"""

from __future__ import annotations

import copy
import importlib.resources
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal
from urllib.parse import quote

import jsonschema_rs
from chimekit_api.api import OPERATIONS

Profile = Literal["docs", "full"]
PROFILES: Final = ("full", "docs")
JsonObject = dict[str, Any]

DECISION: Final = "x-chimekit-decision"
DECISIONS: Final = "x-chimekit-decisions"
MEMBER_ID_SCHEMA: Final = "#/components/schemas/ExternalUserId"
"""The schema of your ids for members (``externalUserId``): the ids a run makes unique to itself."""
_METHODS: Final = ("get", "put", "post", "delete", "patch")
_BASE_URI: Final = "urn:chimekit-contract:openapi"
_SUBSCHEMA: Final = ("items", "not", "additionalProperties", "contains", "propertyNames", "if", "then", "else")
_SUBSCHEMA_LISTS: Final = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMA_MAPS: Final = ("properties", "patternProperties", "$defs", "dependentSchemas")


def load_spec() -> JsonObject:
    """The document shipped in the chimekit package (``chimekit_api/openapi.json``)."""
    text = importlib.resources.files("chimekit_api").joinpath("openapi.json").read_text(encoding="utf-8")
    spec: JsonObject = json.loads(text)
    return spec


def resolve(spec: Mapping[str, Any], node: Any) -> Any:
    """``node`` with local ``$ref``s followed (``#/components/...``)."""
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
        target: Any = spec
        for part in node["$ref"][2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def _pointer(*tokens: str) -> str:
    return "".join("/" + token.replace("~", "~0").replace("/", "~1") for token in tokens)


@dataclass(frozen=True)
class Operation:
    """One operation of the document: how to call it and what it answers."""

    operation_id: str
    method: str
    """Upper case."""
    path: str
    """The path template, e.g. ``/sdk/v1/audience/members/{externalUserId}``."""
    path_params: tuple[str, ...]
    """Path parameter names in the order the template has them (the order values are given in)."""
    member_params: frozenset[str]
    """Path parameters that are member ids (``externalUserId``), by their schema."""
    member_fields: frozenset[str]
    """Top-level request body fields that are member ids."""
    parameters: tuple[JsonObject, ...]
    """Every parameter (the path item's and the operation's), resolved."""
    pointer: str
    """JSON pointer of the operation object in the document."""
    definition: JsonObject

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    def url_path(self, values: tuple[str, ...]) -> str:
        """The path with each value percent-encoded as exactly one segment (the SDK's operation table builds it)."""
        if len(values) != len(self.path_params):
            raise ValueError(f"{self.operation_id} takes {len(self.path_params)} path values, got {len(values)}")
        return OPERATIONS[self.operation_id].url_path(*values)

    def example_body(self) -> JsonObject | None:
        """A copy of the request body's example, or None."""
        media = self.definition.get("requestBody", {}).get("content", {}).get("application/json", {})
        example = media.get("example")
        return copy.deepcopy(example) if isinstance(example, dict) else None

    def example_parameter(self, name: str) -> str:
        """The example the document gives for the parameter ``name``."""
        for parameter in self.parameters:
            if parameter["name"] == name and "example" in parameter:
                return str(parameter["example"])
        raise LookupError(f"the document gives no example for {self.operation_id}'s {name}")

    def decisions(self) -> dict[str, str]:
        """Behaviour name → reason: what this operation does that the docs do not say."""
        return dict(self.definition.get(DECISIONS) or {})

    def success_statuses(self) -> list[int]:
        """The documented 2xx statuses (none in the docs profile where the status is a decision)."""
        return sorted(int(code) for code in self.definition["responses"] if code.startswith("2") and code.isdigit())


def _is_member_id(spec: Mapping[str, Any], schema: Any) -> bool:
    while isinstance(schema, dict):
        if schema.get("$ref") == MEMBER_ID_SCHEMA:
            return True
        if "$ref" not in schema:
            return False
        schema = resolve(spec, {"$ref": schema["$ref"]})
    return False


def operations(spec: Mapping[str, Any]) -> dict[str, Operation]:
    """Every operation of the document by operationId, in document order."""
    found: dict[str, Operation] = {}
    for path, item in spec["paths"].items():
        shared = item.get("parameters", [])
        for method in _METHODS:
            if method not in item:
                continue
            definition = item[method]
            params = [resolve(spec, p) for p in [*shared, *definition.get("parameters", [])]]
            in_path = {p["name"]: p for p in params if p["in"] == "path"}
            names = tuple(sorted(in_path, key=lambda name: path.index("{" + name + "}")))
            body = resolve(spec, definition.get("requestBody", {}))
            body_schema = resolve(spec, body.get("content", {}).get("application/json", {}).get("schema", {}))
            found[definition["operationId"]] = Operation(
                operation_id=definition["operationId"],
                method=method.upper(),
                path=path,
                path_params=names,
                member_params=frozenset(n for n, p in in_path.items() if _is_member_id(spec, p.get("schema"))),
                member_fields=frozenset(
                    name
                    for name, schema in (body_schema.get("properties") or {}).items()
                    if _is_member_id(spec, schema)
                ),
                parameters=tuple(params),
                pointer=_pointer("paths", path, method),
                definition=definition,
            )
    return found


@dataclass(frozen=True)
class Link:
    """A link of the document: from a response of ``source`` to the operation ``target``."""

    source: str
    status: str
    name: str
    target: str
    parameters: Mapping[str, Any]
    request_body: Any
    has_request_body: bool

    @property
    def label(self) -> str:
        return f"{self.source} {self.status} {self.name} -> {self.target}"


def links(spec: Mapping[str, Any], ops: Mapping[str, Operation] | None = None) -> list[Link]:
    """Every link of the document, in document order (``ops``: its ``operations``, when already made)."""
    found = []
    for operation in (ops if ops is not None else operations(spec)).values():
        for status, response in operation.definition["responses"].items():
            for name, link in (resolve(spec, response).get("links") or {}).items():
                link = resolve(spec, link)
                found.append(
                    Link(
                        source=operation.operation_id,
                        status=status,
                        name=name,
                        target=link["operationId"],
                        parameters=link.get("parameters") or {},
                        request_body=link.get("requestBody"),
                        has_request_body="requestBody" in link,
                    )
                )
    return found


# ---------------------------------------------------------------- profiles


def _docs_schema(node: Any) -> Any:
    """A schema without this document's decisions (in place where it can be; returns the new node)."""
    if not isinstance(node, dict):
        return node
    if DECISION in node:
        # The whole schema is a decision: only its JSON type stays (a oneOf with null stays exclusive).
        return {key: node[key] for key in ("type", "description") if key in node}
    for keyword in node.pop(DECISIONS, None) or {}:
        node.pop(keyword, None)
    for keyword in _SUBSCHEMA:
        if keyword in node:
            node[keyword] = _docs_schema(node[keyword])
    for keyword in _SUBSCHEMA_LISTS:
        if isinstance(node.get(keyword), list):
            node[keyword] = [_docs_schema(item) for item in node[keyword]]
    for keyword in _SUBSCHEMA_MAPS:
        if isinstance(node.get(keyword), dict):
            node[keyword] = {name: _docs_schema(item) for name, item in node[keyword].items()}
    return node


def _is_decision(spec: Mapping[str, Any], node: Any) -> bool:
    return isinstance(resolve(spec, node), dict) and DECISION in resolve(spec, node)


def _docs_media(spec: Mapping[str, Any], owner: JsonObject) -> None:
    for media in (owner.get("content") or {}).values():
        if "schema" in media:
            media["schema"] = _docs_schema(media["schema"])
    headers = owner.get("headers")
    if isinstance(headers, dict):
        owner["headers"] = {name: h for name, h in headers.items() if not _is_decision(spec, h)}


DOCS_DEFAULT_RESPONSE: Final = {
    "description": "Any answer the docs do not define (an error the docs say nothing about, a status they do not name)."
}


def docs_view(spec: Mapping[str, Any]) -> JsonObject:
    """A copy of the document that states only what the docs promise (see the module docstring)."""
    original = spec
    view: JsonObject = copy.deepcopy(dict(spec))
    view.pop(DECISIONS, None)
    components = view.get("components", {})
    for name, schema in list((components.get("schemas") or {}).items()):
        components["schemas"][name] = _docs_schema(schema)
    for parameter in (components.get("parameters") or {}).values():
        if "schema" in parameter:
            parameter["schema"] = _docs_schema(parameter["schema"])
    for header in (components.get("headers") or {}).values():
        if "schema" in header:
            header["schema"] = _docs_schema(header["schema"])
    for response in (components.get("responses") or {}).values():
        _docs_media(original, response)
    for item in view["paths"].values():
        for parameter in item.get("parameters", []):
            if "schema" in parameter:
                parameter["schema"] = _docs_schema(parameter["schema"])
        for method in _METHODS:
            if method not in item:
                continue
            definition = item[method]
            definition.pop(DECISIONS, None)
            for parameter in definition.get("parameters", []):
                if "schema" in parameter:
                    parameter["schema"] = _docs_schema(parameter["schema"])
            if "requestBody" in definition:
                _docs_media(original, definition["requestBody"])
            responses = {}
            for status, response in definition["responses"].items():
                if _is_decision(original, response):
                    continue
                _docs_media(original, response)
                responses[status] = response
            responses["default"] = dict(DOCS_DEFAULT_RESPONSE)
            definition["responses"] = responses
    for kind in ("responses", "headers"):  # no longer referenced
        decided = [name for name, node in (components.get(kind) or {}).items() if DECISION in node]
        for name in decided:
            del components[kind][name]
    # What the document decided, the view no longer has: no marker survives (else one sits where none belongs).
    assert not _markers(view), f"decision markers where the docs profile cannot read them: {_markers(view)}"
    return view


def _markers(node: Any, where: str = "#") -> list[str]:
    if isinstance(node, dict):
        found = [f"{where}/{key}" for key in node if key in (DECISION, DECISIONS)]
        return found + [m for key, value in node.items() for m in _markers(value, f"{where}/{key}")]
    if isinstance(node, list):
        return [m for index, value in enumerate(node) for m in _markers(value, f"{where}/{index}")]
    return []


def profile_spec(spec: JsonObject, profile: Profile) -> JsonObject:
    """The document a run of ``profile`` checks: the docs view (a copy), or ``spec`` itself for ``full``
    (nothing of a run changes the document: what it changes, it copies first)."""
    return docs_view(spec) if profile == "docs" else spec


# ---------------------------------------------------------------- answers against the document


class Validator:
    """Checks answers against the responses of a (profile's) document; ``$ref``s resolve in the whole document."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self._spec = spec
        self._registry = jsonschema_rs.Registry([(_BASE_URI, dict(spec))], draft=jsonschema_rs.Draft202012)
        self._compiled: dict[str, jsonschema_rs.Validator] = {}

    def _validator(self, pointer: str) -> jsonschema_rs.Validator:
        if pointer not in self._compiled:
            reference = {"$ref": f"{_BASE_URI}#{quote(pointer, safe='/~')}"}
            self._compiled[pointer] = jsonschema_rs.Draft202012Validator(reference, registry=self._registry)
        return self._compiled[pointer]

    def response_problem(self, operation: Operation, status: int, body: Any) -> str | None:
        """Why ``body`` is not what ``operation`` documents for ``status`` (None: it is, or nothing is documented)."""
        responses = operation.definition["responses"]
        key = str(status) if str(status) in responses else f"{str(status)[0]}XX"
        if key not in responses:
            key = "default"
        if key not in responses:
            return None
        response = resolve(self._spec, responses[key])
        if "application/json" not in (response.get("content") or {}):
            return None
        if "$ref" in responses[key]:
            pointer = responses[key]["$ref"][1:] + _pointer("content", "application/json", "schema")
        else:
            pointer = f"{operation.pointer}{_pointer('responses', key, 'content', 'application/json', 'schema')}"
        if "schema" not in response["content"]["application/json"]:
            return None
        errors = list(self._validator(pointer).iter_errors(body))
        if not errors:
            return None
        error = min(errors, key=lambda e: len(list(e.instance_path)))
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.instance_path).lstrip(".")
        message = error.message if len(error.message) < 200 else error.message[:200] + "…"
        return f"{where or 'body'}: {message}"
