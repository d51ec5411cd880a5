"""`make generate`: openapi-python-client (pinned) with one addition, the raw spec for the templates.

openapi-python-client's templates see the parsed endpoints and models, but not the schema constraints
of parameters (minimum, maximum, pattern, ...) nor `$ref`-ed string schemas. This runs the generator
exactly as its CLI does (`--meta none --fail-on-warning`, generator-config.yaml, templates/) and adds
one template global, ``spec``: the OpenAPI document as loaded by the generator itself. It also writes
the document as ``openapi.json`` into the package, where the sandbox (and anyone) reads it.

    python codegen/generate.py --spec openapi/chimekit.yaml --output generated/chimekit_api
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
from pathlib import Path

from openapi_python_client import Project
from openapi_python_client.cli import handle_errors
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent


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
    project.env.globals["spec"] = spec
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
