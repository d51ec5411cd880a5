"""The facade is bound to the spec: every operation is a method, and each method sends what the spec says.

The facade holds no path, HTTP method or limit of its own: ``overlay/chimekit/_resources.py`` declares each
method (name, namespace, operationId, what it returns), `make generate` writes the resource classes from it
(``chimekit/resources/``), and everything else comes from the operation table (``chimekit_api.api``).
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path
from typing import Any

import chimekit
import httpx
import pytest
from chimekit import ChimeKit
from chimekit._request import Endpoint
from chimekit_api.api import OPERATIONS

from tests.conftest import ROOT

RESOURCES = "overlay/chimekit/_resources.py"


def endpoints() -> list[Endpoint[Any]]:
    """Every endpoint a generated method calls."""
    modules = [importlib.import_module(f"chimekit.resources.{name}") for name in ("audience", "messages", "workflow")]
    return [value for module in modules for value in vars(module).values() if isinstance(value, Endpoint)]


def test_every_operation_in_the_spec_is_a_facade_method(spec: dict[str, Any]) -> None:
    in_spec = {
        operation["operationId"]
        for item in spec["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    missing = sorted(in_spec - {endpoint.operation_id for endpoint in endpoints()})
    assert not missing, f"operations in the spec without a facade method: {missing}; declare them in {RESOURCES}"


def test_every_method_returns_a_key_its_response_has() -> None:
    for endpoint in endpoints():
        operation = endpoint.operation
        assert operation is OPERATIONS[endpoint.operation_id]
        success = operation.responses[operation.success]
        if endpoint.returns is not None:
            assert success is not None, endpoint
            assert endpoint.returns in success._fields, endpoint


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

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(500)

    transport = httpx.MockTransport(answer)
    with ChimeKit("sk_test", http_client=httpx.Client(transport=transport), max_retries=0) as ck:
        for operation_id, (method, args, kwargs) in SAMPLE_CALLS.items():
            target: Any = ck
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
