"""The facade is bound to the spec: every operation is a method, and each method sends what the spec says.

The facade holds no path, HTTP method or limit of its own: ``overlay/chimekit/_resources.py`` binds each
method to an operationId, and everything else comes from the generated ``chimekit_api.api`` operations.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import chimekit
import httpx
import pytest
from chimekit import AsyncChimeKit, ChimeKit
from chimekit._binding import Binding
from chimekit_api.api import OPERATIONS

from tests.conftest import ROOT

RESOURCES = "overlay/chimekit/_resources.py"


def bindings(cls: type) -> dict[str, Binding[Any, Any]]:
    return {name: getattr(cls, name) for name in dir(cls) if isinstance(getattr(cls, name), Binding)}


def unbound_operations(operation_ids: set[str]) -> list[str]:
    """The operationIds no facade method calls: what test_every_operation_in_the_spec_is_a_facade_method checks."""
    bound = {
        b.operation_id
        for client in (ChimeKit, AsyncChimeKit)
        for namespace in client.__annotations__.values()
        for b in bindings(getattr(chimekit._resources, str(namespace))).values()
    }
    return sorted(operation_ids - bound)


def test_every_operation_in_the_spec_is_a_facade_method() -> None:
    missing = unbound_operations(set(OPERATIONS))
    assert not missing, f"operations in the spec without a facade method: {missing}; declare them in {RESOURCES}"


def test_every_binding_maps_its_arguments_onto_its_operation() -> None:
    for namespace in ("_Audience", "_Messages", "_Workflow"):
        for name, binding in bindings(getattr(chimekit._resources, namespace)).items():
            plan = binding.plan  # raises if a positional argument matches nothing, or a path parameter is missing
            assert plan.operation.operation_id == binding.operation_id, name


SAMPLE_CALLS: dict[str, tuple[str, tuple[Any, ...], dict[str, Any]]] = {
    "identify": ("identify", ("X",), {}),
    "findMember": ("audience.find_member", ("X",), {}),
    "updateMember": ("audience.update_member", ("X",), {"display_name": "Ava"}),
    "deleteMember": ("audience.delete_member", ("X",), {}),
    "listSuppressions": ("audience.list_suppressions", ("X",), {}),
    "addSuppression": ("audience.suppress", ("X",), {"identity": {"type": "email", "value": "a@b.c"}}),
    "removeSuppression": ("audience.remove_suppression", ("X", "X"), {}),
    "sendMessage": ("messages.send_message", ("X",), {"content": {"templateId": "t"}}),
    "getMessage": ("messages.get_message", ("X",), {}),
    "listMemberMessages": ("messages.list_messages_for_user", ("X",), {}),
    "runWorkflow": ("workflow.run", ("X",), {"external_user_id": "X"}),
    "getWorkflowRun": ("workflow.get_run", ("X",), {}),
}


def test_each_method_sends_the_method_and_path_the_spec_gives(spec: dict[str, Any]) -> None:
    in_spec = {
        operation["operationId"]: (method.upper(), re.sub(r"\{\w+\}", "X", path))
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "operationId" in operation
    }
    assert set(SAMPLE_CALLS) == set(in_spec)
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: seen.append(request) or httpx.Response(500))
    with ChimeKit("sk_test", http_client=httpx.Client(transport=transport), max_retries=0) as ck:
        for operation_id, (method, args, kwargs) in SAMPLE_CALLS.items():
            target: Callable[..., Any] = ck
            for part in method.split("."):
                target = getattr(target, part)
            with pytest.raises(chimekit.InternalServerError):
                target(*args, **kwargs)
            assert (seen[-1].method, seen[-1].url.path) == in_spec[operation_id], operation_id


def _string_literals(path: Path) -> list[str]:
    """The module's string constants, docstrings and other bare strings (comments) left out."""
    tree = ast.parse(path.read_text())
    prose = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose
    ]


def test_the_facade_writes_no_path_or_pattern_of_the_spec(spec: dict[str, Any]) -> None:
    patterns = {s["pattern"] for s in spec["components"]["schemas"].values() if "pattern" in s}
    segments = {part for path in spec["paths"] for part in path.strip("/").split("/") if not part.startswith("{")}
    for path in sorted((ROOT / "overlay" / "chimekit").glob("*.py")):
        for literal in _string_literals(path):
            assert "/sdk/" not in literal, (path.name, literal)
            assert literal not in patterns, (path.name, literal)
            words = set(re.findall(r"/([a-z]+)", literal))
            assert not words & segments - {"v1"}, (path.name, literal)
