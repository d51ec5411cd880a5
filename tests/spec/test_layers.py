"""Layers point one way: no package imports itself in a circle, type-only imports included.

Each module's imports are read from its source (``import``/``from`` anywhere in it, ``if TYPE_CHECKING:``
blocks and imports inside functions included) and resolved to the modules of the same package; a cycle
among them fails, naming it. The facade also never reaches the generated package's internals it should
not need (the spec document).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGES = {
    "chimekit": ROOT / "overlay" / "chimekit",
    "chimekit_api": ROOT / "generated" / "chimekit_api",
    "chimekit_sandbox": ROOT / "sandbox" / "chimekit_sandbox",
    "chimekit_contract": ROOT / "contract" / "chimekit_contract",
}


def _module_name(package: str, root: Path, path: Path) -> str:
    parts = [package, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(package: str, root: Path) -> dict[str, set[str]]:
    """Module → the modules of the same package it imports."""
    modules = {_module_name(package, root, path): path for path in root.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".")
                    base = base[: len(base) - node.level + (1 if is_package else 0)]
                    stem = ".".join(base + ([node.module] if node.module else []))
                else:
                    stem = node.module or ""
                # `from .x import y`: y may be a module of the package (from . import models) or a name in x.
                targets = [
                    f"{stem}.{alias.name}" if f"{stem}.{alias.name}" in modules else stem for alias in node.names
                ]
            graph[name] |= {target for target in targets if target in modules and target != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_no_package_imports_itself_in_a_circle(package: str) -> None:
    graph = import_graph(package, PACKAGES[package])
    assert len(graph) > 5  # the package was found and read
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_type_only_cycle(tmp_path: Path) -> None:
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "a.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import B\n")
    (tmp_path / "b.py").write_text("from .a import A\n")
    (tmp_path / "c.py").write_text("from . import a\n")
    assert cycles(import_graph("pkg", tmp_path)) == [["pkg.a", "pkg.b"]]


def test_the_exceptions_module_is_a_leaf() -> None:
    """Everything may raise; so ``_exceptions`` imports nothing of the facade."""
    assert import_graph("chimekit", PACKAGES["chimekit"])["chimekit._exceptions"] == set()


def test_the_sandbox_layers_point_one_way() -> None:
    graph = import_graph("chimekit_sandbox", PACKAGES["chimekit_sandbox"])

    def reaches(module: str) -> set[str]:
        seen: set[str] = set()
        pending = [f"chimekit_sandbox.{module}"]
        while pending:
            for target in graph[pending.pop()] - seen:
                seen.add(target)
                pending.append(target)
        return {name.removeprefix("chimekit_sandbox.") for name in seen}

    assert reaches("_app") >= {"_engine", "_routes", "_validation", "_operations", "_store", "_seed", "_records"}
    # The engine runs whatever catalogue and routes it is given: no handler, app, store or seed.
    assert reaches("_engine") == {"_routes", "_validation", "_util"}
    # The store keeps records: it loads no seed file and knows no HTTP.
    assert reaches("_store") == {"_records", "_util"}
    assert reaches("_seed") == {"_records", "_validation", "_util"}
