"""The spec compiled into the operation table: every ``$ref`` resolved, every operation described.

``compile_table(spec)`` reads the parsed document once and returns what ``chimekit_api.api`` is rendered
from: each component schema as a Python literal (a schema that refers to another one names its constant,
so nothing is copied and nothing at run time follows a ``$ref``) and, per operation, its id, method, path,
parameters, body, success status, responses and security. Whatever the table cannot express (a header or
cookie parameter, a second success status, a body that is not JSON, a security scheme other than HTTP
bearer, a recursive schema) is refused here, at generation time, with the place in the spec.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

METHODS = ("get", "put", "post", "delete", "patch")
ANNOTATIONS = frozenset({"example", "examples"})
"""Left out of the table's schemas: sample values are for documentation and schemathesis, not for checks."""
KINDS = {"string": "STR", "integer": "INT", "number": "FLOAT", "boolean": "BOOL"}
"""A parameter's kind (chimekit_api.model) by its schema's type: parameters are scalars."""


class SpecError(Exception):
    """The spec asks for something the operation table cannot describe."""


def snake_case(name: str) -> str:
    """``externalUserId`` → ``external_user_id`` (as openapi-python-client names parameters)."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).replace("-", "_").lower()


def constant_name(schema_name: str) -> str:
    """``IdentifyRequest`` → ``IDENTIFY_REQUEST``: the Python constant holding a component schema."""
    return snake_case(schema_name).upper()


@dataclass
class Parameter:
    name: str
    python_name: str
    location: str
    required: bool
    kind: str
    schema: str
    """A Python expression."""
    description: str


@dataclass
class Operation:
    operation_id: str
    method: str
    path: str
    tag: str
    summary: str
    description: str
    parameters: list[Parameter]
    body_schema: str | None
    body_required: bool
    success: int
    bearer_auth: bool
    extensions: dict[str, Any] = field(default_factory=dict)
    """The operation's ``x-`` keys (e.g. how it pages)."""

    @property
    def path_params(self) -> list[Parameter]:
        return [p for p in self.parameters if p.location == "path"]

    @property
    def query_params(self) -> list[Parameter]:
        return [p for p in self.parameters if p.location == "query"]


@dataclass
class Table:
    schemas: dict[str, str]
    """Constant name → Python literal, in an order where each refers only to those before it."""
    operations: list[Operation]
    version: str
    limits: dict[str, int]
    """The spec's ``x-chimekit-limits``: what the API refuses beyond (``maxBodyBytes``, ``maxBodyDepth``)."""


class _Compiler:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.components: dict[str, Any] = spec.get("components", {}).get("schemas", {})
        self.schemas: dict[str, str] = {}
        self._visiting: list[str] = []

    # --- references ---

    def follow(self, node: Any, where: str) -> Any:
        """What ``node`` is, after its local ``$ref``s (parameters, responses, request bodies)."""
        seen = set()
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#/") or ref in seen:
                raise SpecError(f"{where}: cannot follow $ref {ref!r}")
            seen.add(ref)
            target: Any = self.spec
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(target, dict) or part not in target:
                    raise SpecError(f"{where}: $ref {ref!r} points to nothing")
                target = target[part]
            node = target
        return node

    # --- schemas as Python literals ---

    def schema(self, node: Any, where: str) -> str:
        """A Python expression for the schema ``node``: a component is its constant, compiled once."""
        if isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            prefix = "#/components/schemas/"
            if not isinstance(ref, str) or not ref.startswith(prefix):
                raise SpecError(f"{where}: a schema may only refer to #/components/schemas/..., not {ref!r}")
            name = ref[len(prefix) :]
            constant = self.component(name, where)
            siblings = {k: v for k, v in node.items() if k != "$ref" and k not in ANNOTATIONS}
            if not siblings:
                return constant
            target = self.components[name]
            clash = [k for k in siblings if k in target and target[k] != siblings[k] and k != "description"]
            if clash:
                raise SpecError(f"{where}: {clash} beside a $ref would change {name}: move them into a schema")
            return "{**" + constant + ", " + self._members(siblings, where)[1:]
        if isinstance(node, dict):
            return self._members({k: v for k, v in node.items() if k not in ANNOTATIONS}, where)
        if isinstance(node, list):
            return "[" + ", ".join(self.schema(item, f"{where}[{i}]") for i, item in enumerate(node)) + "]"
        return repr(node)

    def _members(self, node: dict[str, Any], where: str) -> str:
        items = []
        for key, value in node.items():
            # Under these keywords the keys are property names, not keywords: keep every one of them.
            if key in ("properties", "patternProperties", "$defs") and isinstance(value, dict):
                inner = ", ".join(f"{k!r}: {self.schema(v, f'{where}/{key}/{k}')}" for k, v in value.items())
                items.append(f"{key!r}: {{{inner}}}")
            elif key.startswith("x-") or key in ("description", "title", "enum", "const", "default", "required"):
                items.append(f"{key!r}: {value!r}")
            else:
                items.append(f"{key!r}: {self.schema(value, f'{where}/{key}')}")
        return "{" + ", ".join(items) + "}"

    def component(self, name: str, where: str) -> str:
        constant = constant_name(name)
        if constant in self.schemas:
            return constant
        if name in self._visiting:
            raise SpecError(f"{where}: schema {name} refers to itself ({' -> '.join([*self._visiting, name])})")
        if name not in self.components:
            raise SpecError(f"{where}: no schema named {name}")
        self._visiting.append(name)
        literal = self.schema(self.components[name], f"#/components/schemas/{name}")
        self._visiting.pop()
        self.schemas[constant] = literal
        return constant

    # --- operations ---

    def operations(self) -> Iterator[Operation]:
        for path, item in self.spec.get("paths", {}).items():
            item = self.follow(item, path)
            for method in item:
                if method in ("parameters", "summary", "description", "servers") or method.startswith("x-"):
                    continue
                if method not in METHODS:
                    raise SpecError(f"{path}: method {method!r} is not supported")
                yield self.operation(path, method, item)

    def operation(self, path: str, method: str, item: dict[str, Any]) -> Operation:
        raw = item[method]
        where = f"{method.upper()} {path}"
        operation_id = raw.get("operationId")
        if not isinstance(operation_id, str):
            raise SpecError(f"{where}: needs an operationId")
        parameters: dict[tuple[str, str], Parameter] = {}
        for index, node in enumerate([*item.get("parameters", []), *raw.get("parameters", [])]):
            parameter = self.parameter(self.follow(node, f"{where} parameters[{index}]"), where)
            parameters[parameter.name, parameter.location] = parameter  # the operation's win
        names = re.findall(r"\{([^}]+)\}", path)
        declared = [p for p in parameters.values() if p.location == "path"]
        if sorted(p.name for p in declared) != sorted(names):
            raise SpecError(f"{where}: path parameters {sorted(p.name for p in declared)} do not match the path")
        ordered = sorted(declared, key=lambda p: names.index(p.name)) + [
            p for p in parameters.values() if p.location == "query"
        ]
        body_schema, body_required = None, False
        if "requestBody" in raw:
            body = self.follow(raw["requestBody"], f"{where} requestBody")
            content = body.get("content", {})
            if list(content) != ["application/json"] or "schema" not in content["application/json"]:
                raise SpecError(f"{where}: a request body must be application/json only, with a schema")
            body_schema = self.schema(content["application/json"]["schema"], f"{where} requestBody")
            body_required = bool(body.get("required"))
        responses = {}  # compiled to check them (components they use get constants); the models carry them
        for status, node in raw.get("responses", {}).items():
            if not str(status).isdigit():
                raise SpecError(f"{where}: response {status!r}: only numeric statuses are supported")
            response = self.follow(node, f"{where} responses/{status}")
            content = response.get("content") or {}
            if content and (list(content) != ["application/json"] or "schema" not in content["application/json"]):
                raise SpecError(f"{where}: response {status}: application/json only, with a schema")
            schema = content.get("application/json", {}).get("schema")
            responses[int(status)] = None if schema is None else self.schema(schema, f"{where} responses/{status}")
        successes = [status for status in responses if 200 <= status < 300]
        if len(successes) != 1:
            raise SpecError(f"{where}: needs exactly one success status, not {successes}")
        tags = raw.get("tags") or ["default"]
        return Operation(
            operation_id=operation_id,
            method=method.upper(),
            path=path,
            tag=tags[0],
            summary=raw.get("summary", ""),
            description=raw.get("description", ""),
            parameters=ordered,
            body_schema=body_schema,
            body_required=body_required,
            success=successes[0],
            bearer_auth=self.bearer(raw.get("security", self.spec.get("security", [])), where),
            extensions={k: v for k, v in raw.items() if k.startswith("x-")},
        )

    def parameter(self, node: dict[str, Any], where: str) -> Parameter:
        name, location = node.get("name"), node.get("in")
        where = f"{where}: parameter {name!r}"
        if location not in ("path", "query"):
            raise SpecError(f"{where}: only path and query parameters are supported, not {location!r}")
        if node.get("style", "simple" if location == "path" else "form") != (
            "simple" if location == "path" else "form"
        ):
            raise SpecError(f"{where}: only the default style is supported")
        if "schema" not in node:
            raise SpecError(f"{where}: needs a schema")
        schema = self.follow(node["schema"], where)
        types = schema.get("type", "string")
        types = [types] if isinstance(types, str) else [t for t in types if t != "null"]
        if len(types) != 1 or types[0] not in KINDS:
            raise SpecError(f"{where}: only one scalar type is supported, not {types}")
        return Parameter(
            name=str(name),
            python_name=snake_case(str(name)),
            location=location,
            required=bool(node.get("required")) or location == "path",
            kind=KINDS[types[0]],
            schema=self.schema(node["schema"], where),
            description=node.get("description", ""),
        )

    def bearer(self, requirements: list[dict[str, Any]], where: str) -> bool:
        if not requirements or {} in requirements:
            return False
        schemes = self.spec.get("components", {}).get("securitySchemes", {})
        for requirement in requirements:
            for name in requirement:
                scheme = schemes.get(name, {})
                if scheme.get("type") != "http" or str(scheme.get("scheme")).lower() != "bearer":
                    raise SpecError(f"{where}: only HTTP bearer security is supported, not {name!r}")
        return True


def compile_table(spec: dict[str, Any]) -> Table:
    compiler = _Compiler(spec)
    operations = list(compiler.operations())
    ids = [op.operation_id for op in operations]
    if len(set(ids)) != len(ids):
        raise SpecError(f"operationIds must be unique: {sorted(i for i in ids if ids.count(i) > 1)}")
    for name in compiler.components:  # every component, used by an operation or not (seeds use them)
        compiler.component(name, "#/components/schemas")
    limits = spec.get("x-chimekit-limits", {})
    if not isinstance(limits, dict) or not all(isinstance(v, int) and not isinstance(v, bool) for v in limits.values()):
        raise SpecError("x-chimekit-limits: expected a map of names to integers")
    return Table(
        schemas=compiler.schemas, operations=operations, version=str(spec["info"]["version"]), limits=dict(limits)
    )
