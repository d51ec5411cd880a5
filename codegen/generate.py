"""`make generate`: openapi-python-client (pinned) with one addition, the raw spec for the templates.

openapi-python-client's templates see the parsed endpoints and models, but not the schema constraints
of parameters (minimum, maximum, pattern, ...), nor the operationIds as written. This runs the generator
exactly as its CLI does (`--meta none --fail-on-warning`, generator-config.yaml, templates/) and gives the
templates one more function, ``spec_operation(endpoint)`` (below), and the filter ``pyrepr`` (a Python
literal of plain data from the spec: never code). It also writes the document as ``openapi.json`` into
the package, where the sandbox (and anyone) reads it.

    python codegen/generate.py --spec openapi/chimekit.yaml --output generated/chimekit_api
"""

from __future__ import annotations

import argparse
import copy
import functools
import json
import re
import shutil
from pathlib import Path
from typing import Any

from openapi_python_client import Project
from openapi_python_client.cli import handle_errors
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent


PATH_PARAMETER = re.compile(r"\{[^}]*\}")
ANNOTATIONS = frozenset({"description", "title", "example", "examples"})


def follow(spec: dict[str, Any], node: Any) -> Any:
    """What ``node`` is, following its local ``$ref`` (and theirs)."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def resolve(spec: dict[str, Any], node: Any) -> Any:
    """``node`` with every local ``$ref`` replaced by what it points to, and no annotations (descriptions...)."""
    node = follow(spec, node)
    if isinstance(node, dict):
        return {key: resolve(spec, value) for key, value in node.items() if key not in ANNOTATIONS}
    if isinstance(node, list):
        return [resolve(spec, item) for item in node]
    return node


def spec_operation(spec: dict[str, Any], endpoint: Any) -> dict[str, Any]:
    """What the templates need of an endpoint that openapi-python-client's Endpoint does not carry."""
    # Endpoint.path has Python names in its braces ({external_user_id}): find the spec's own path.
    shape = PATH_PARAMETER.sub("{}", endpoint.path.get_untrusted_value())
    path = next(p for p, i in spec["paths"].items() if PATH_PARAMETER.sub("{}", p) == shape and endpoint.method in i)
    item = spec["paths"][path]
    operation = item[endpoint.method]
    parameters = {}
    for parameter in item.get("parameters", []) + operation.get("parameters", []):
        parameter = resolve(spec, parameter)
        parameters[parameter["name"]] = parameter["schema"]
    return {
        "operationId": operation["operationId"],
        "path": path,
        "summary": operation.get("summary", ""),
        "description": operation.get("description", ""),
        "parameters": parameters,
    }


def generate(spec_path: Path, output: Path) -> None:
    config = Config.from_sources(
        ConfigFile.load_from_path(ROOT / "generator-config.yaml"),
        MetaType.NONE,
        spec_path,
        "utf-8",
        False,
        output,
    )
    spec = YAML(typ="safe").load(spec_path.read_bytes())  # the generator's own loader and settings
    openapi = GeneratorData.from_dict(copy.deepcopy(spec), config=config)
    if not isinstance(openapi, GeneratorData):
        handle_errors([openapi], fail_on_warning=True)
        return
    shutil.rmtree(output, ignore_errors=True)
    project = Project(openapi=openapi, custom_template_path=ROOT / "templates", config=config)
    project.env.globals["spec_operation"] = functools.partial(spec_operation, spec)
    project.env.filters["pyrepr"] = repr
    errors = project.build()
    (output / "openapi.json").write_text(json.dumps(spec, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    handle_errors(errors, fail_on_warning=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi" / "chimekit.yaml")
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args()
    generate(args.spec.resolve(), args.output.resolve())


if __name__ == "__main__":
    main()
