"""`make generate` is pinned and deterministic, and a change to the spec reaches the code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT, SPEC_PATH

BIN = Path(sys.executable).parent


def generate(spec_path: Path, out: Path) -> None:
    """What `make generate` runs (codegen/generate.py), for another spec and output folder."""
    subprocess.run(
        [sys.executable, ROOT / "codegen" / "generate.py", "--spec", spec_path, "--output", out],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )


def test_a_property_added_to_the_spec_appears_in_the_generated_code(tmp_path: Path) -> None:
    spec = yaml.safe_load(SPEC_PATH.read_text())
    spec["components"]["schemas"]["Member"]["properties"]["favouriteColour"] = {"type": "string"}
    changed = tmp_path / "spec.yaml"
    changed.write_text(yaml.safe_dump(spec, sort_keys=False))
    generate(changed, tmp_path)
    member = (tmp_path / "chimekit_api" / "models" / "member.py").read_text()
    assert "favourite_colour: str | Unset" in member
    assert '"favouriteColour"' in member
    committed = (ROOT / "generated" / "chimekit_api" / "models" / "member.py").read_text()
    assert "favourite_colour" not in committed


def test_the_generator_version_is_pinned_exactly() -> None:
    pins = (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert "openapi-python-client==0.29.1" in pins
    assert any(line.startswith("ruff==") for line in pins)
    out = subprocess.run([BIN / "openapi-python-client", "--version"], capture_output=True, text=True, check=True)
    assert "0.29.1" in out.stdout


def test_the_generated_client_never_shows_its_token() -> None:
    from chimekit_api import AuthenticatedClient

    client = AuthenticatedClient(base_url="https://api.chimekit.com", token="sk_live_secret")
    client.get_httpx_client()  # copies the token into the request headers
    assert "sk_live_secret" not in repr(client)
    assert "sk_live_secret" not in str(client)
    client.get_httpx_client().close()


def test_the_generated_package_is_marked_typed() -> None:
    assert (ROOT / "generated" / "chimekit_api" / "py.typed").is_file()
