"""Docs are code: every Python block of the PyPI pages runs, against a sandbox seeded with the docs' records.

The blocks of a page run in order, in one namespace, in a fresh interpreter whose CHIMEKIT_SECRET_KEY and
CHIMEKIT_BASE_URL point at a `--seed docs` sandbox (a page's `http://127.0.0.1:8787`, the port its examples
use, is that sandbox too). A `print(...)  # -> text` must print exactly that text (`...` stands for any text).
Blocks that define pytest tests (`def test_...`) run under pytest with the chimekit-sandbox plugin.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import chimekit_sandbox
import pytest

from tests.conftest import ROOT

PAGES = [ROOT / "README.pypi.md", ROOT / "sandbox" / "README.md", ROOT / "contract" / "README.md"]
"""The PyPI page of each distribution (chimekit-contract's shows commands only: no Python block)."""
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)
PORT_IN_DOCS = "http://127.0.0.1:8787"

RUNNER = r"""
import json, re, sys, ast

def expect(expected, *args, sep=" "):
    text = sep.join(str(arg) for arg in args)
    pattern = "^" + ".*".join(re.escape(part) for part in expected.split("...")) + "$"
    if not re.match(pattern, text, re.S):
        raise AssertionError(f"printed {text!r}, the page shows {expected!r}")
    print(text)

namespace = {"__name__": "__main__", "__expect": expect}
for number, (source, expected) in enumerate(json.load(open(sys.argv[1]))):
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"
                and str(node.lineno) in expected):
            node.func = ast.Name("__expect", ast.Load())
            node.args.insert(0, ast.Constant(expected[str(node.lineno)]))
    ast.fix_missing_locations(tree)
    exec(compile(tree, f"<block {number + 1} of the page>", "exec"), namespace)
"""


def blocks(page: Path) -> list[str]:
    return list(BLOCK.findall(page.read_text(encoding="utf-8")))


def _expected(source: str) -> dict[str, str]:
    """Line number → the text its ``print(...)  # -> text`` must print."""
    found = {}
    for number, line in enumerate(source.splitlines(), 1):
        if "print(" in line and "# -> " in line:
            found[str(number)] = line.split("# -> ", 1)[1].rstrip()
    return found


@pytest.mark.parametrize("page", PAGES[:2], ids=lambda page: str(page.relative_to(ROOT)))
def test_every_python_block_of_the_page_runs_and_prints_what_it_shows(page: Path, tmp_path: Path) -> None:
    scripts = [source for source in blocks(page) if not re.search(r"^(async )?def test_", source, re.M)]
    tests = [source for source in blocks(page) if re.search(r"^(async )?def test_", source, re.M)]
    assert scripts or tests, f"{page.name} has no Python block"
    with chimekit_sandbox.running(seed="docs", secret_key="sk_test") as sandbox:
        if scripts:
            listing = [(source.replace(PORT_IN_DOCS, sandbox.url), _expected(source)) for source in scripts]
            (tmp_path / "blocks.json").write_text(json.dumps(listing))
            env = {**os.environ, "CHIMEKIT_SECRET_KEY": sandbox.secret_key, "CHIMEKIT_BASE_URL": sandbox.url}
            env.pop("CHIMEKIT_LOG", None)
            run = subprocess.run(
                [sys.executable, "-c", RUNNER, str(tmp_path / "blocks.json")],
                env=env,
                cwd=tmp_path,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert run.returncode == 0, run.stdout + run.stderr
            shown = sum(len(_expected(source)) for source in scripts)
            assert shown == 0 or run.stdout.strip(), "nothing printed"
    if tests:
        # One file a block (a fixture a block overrides is that block's), each with every block's imports.
        imports = [line for block in tests for line in block.splitlines() if line.startswith(("import ", "from "))]
        for number, block in enumerate(tests, 1):
            (tmp_path / f"test_block_{number}.py").write_text("\n".join(dict.fromkeys(imports)) + "\n\n\n" + block)
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-p",
                "no:asyncio",
                "-W",
                "error",
                str(tmp_path),
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("page", PAGES[:2], ids=lambda page: str(page.relative_to(ROOT)))
def test_the_pages_python_type_checks_under_mypy_strict(page: Path, tmp_path: Path) -> None:
    """Code copied from a page into a project checked with ``mypy --strict`` passes as it is."""
    sources = blocks(page)
    scripts = [source for source in sources if not re.search(r"^(async )?def test_", source, re.M)]
    tests = [source for source in sources if re.search(r"^(async )?def test_", source, re.M)]
    files = {"page_blocks.py": "\n\n".join(scripts)} if scripts else {}
    imports = [line for block in tests for line in block.splitlines() if line.startswith(("import ", "from "))]
    for number, block in enumerate(tests, 1):
        files[f"test_block_{number}.py"] = "\n".join(dict.fromkeys(imports)) + "\n\n\n" + block
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--ignore-missing-imports", *files],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_runner_catches_a_page_that_shows_the_wrong_output(tmp_path: Path) -> None:
    source = "x = 1 + 1\nprint(x)  # -> 3\n"
    (tmp_path / "blocks.json").write_text(json.dumps([(source, _expected(source))]))
    run = subprocess.run([sys.executable, "-c", RUNNER, str(tmp_path / "blocks.json")], capture_output=True, text=True)
    assert run.returncode != 0
    assert "printed '2', the page shows '3'" in run.stderr


def test_the_pages_link_nowhere_relative() -> None:
    """PyPI shows the page alone: every link is absolute (or an anchor of the page)."""
    for page in PAGES:
        links = re.findall(r"\]\(([^)]+)\)", page.read_text(encoding="utf-8"))
        relative = [link for link in links if not link.startswith(("https://", "#"))]
        assert not relative, (page.name, relative)


def test_the_methods_table_names_every_method() -> None:
    from chimekit import _resources

    text = (ROOT / "README.pypi.md").read_text(encoding="utf-8")
    names = [declared.name for group in (_resources.METHODS, _resources.PAGES, _resources.MANY) for declared in group]
    missing = [name for name in names if f"`{name}`" not in text]
    assert not missing, f"README.pypi.md's methods table lacks {missing}"
