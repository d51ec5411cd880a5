"""Every distribution says the same about itself: the spec's license, the LICENSE file it ships, its links."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT, SPEC_PATH

PROJECTS = [path.parent for path in [ROOT / "pyproject.toml", *ROOT.glob("*/pyproject.toml")]]


def _project(root: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = tomllib.loads((root / "pyproject.toml").read_text())
    return loaded


def test_every_distribution_has_the_specs_license_and_ships_the_license_file() -> None:
    spec_license = yaml.safe_load(SPEC_PATH.read_text())["info"]["license"]["identifier"]
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith(f"{spec_license} License\n")
    assert len(PROJECTS) >= 2
    for root in PROJECTS:
        loaded = _project(root)
        project = loaded["project"]
        assert project["license"] == spec_license, root
        assert project["license-files"] == ["LICENSE"], root
        assert (root / "LICENSE").read_text() == text, root  # each distribution's root has the same file
        assert "LICENSE" in loaded["tool"]["hatch"]["build"]["targets"]["sdist"]["only-include"], root
        urls = project["urls"]
        assert urls["Homepage"] == "https://chimekit.com"
        assert all(url.startswith("https://") for url in urls.values()), root
