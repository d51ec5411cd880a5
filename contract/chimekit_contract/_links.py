"""Every link of the document, followed once on every run: whatever the seed, each link is covered.

For each link the source operation is called the way it succeeds (on fresh records made for that link
alone), the link's runtime expressions are evaluated on that request and its answer, and the target is
called with the values: it must answer success. Fuzzing along links stays schemathesis' stateful phase.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from ._behaviour import Result, Tester, attempt
from ._http import _NO_BODY, Answer, Violation
from ._spec import JsonObject, Link


@dataclass
class Request:
    """A request as sent, for ``$request.…`` expressions."""

    path: dict[str, str] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    body: Any = _NO_BODY


def _member(t: Tester) -> str:
    return t.identify("link")[0]


def _with_suppression(t: Tester) -> tuple[str, JsonObject]:
    member, body, _ = t.identify("link")
    return member, t.suppress(member, body["identities"][0]["value"])


def _with_message(t: Tester) -> tuple[str, JsonObject]:
    member = _member(t)
    return member, t.send(member, f"Link {member}")


def _source(t: Tester, operation_id: str) -> tuple[tuple[str, ...], dict[str, Any], Any]:
    """How to call ``operation_id`` so that it succeeds: (path values, query, body)."""
    operation = t.operations[operation_id]
    if operation_id == "identify":
        return (), {}, t.identify_body(t.ids.new("link"))
    if operation_id == "sendMessage":
        return (), {}, t.body_for(operation_id, _member(t))
    if operation_id == "runWorkflow":
        return (operation.example_parameter(operation.path_params[0]),), {}, t.body_for(operation_id, _member(t))
    if operation_id in ("findMember", "deleteMember"):
        return (_member(t),), {}, _NO_BODY
    if operation_id == "updateMember":
        return (_member(t),), {}, t.example(operation_id)
    if operation_id == "addSuppression":
        member, body, _ = t.identify("link")
        return (member,), {}, t.suppression_body(body["identities"][0]["value"])
    if operation_id in ("listSuppressions", "removeSuppression"):
        member, suppression = _with_suppression(t)
        return ((member,) if operation_id == "listSuppressions" else (member, suppression["id"])), {}, _NO_BODY
    if operation_id == "getMessage":
        return (_with_message(t)[1]["message"]["id"],), {}, _NO_BODY
    if operation_id == "listMemberMessages":
        return (_with_message(t)[0],), {}, _NO_BODY
    if operation_id == "getWorkflowRun":
        return (t.run(_member(t))[2]["runId"],), {}, _NO_BODY
    raise RuntimeError(f"no way to make {operation_id} succeed for its links: add one here")


def _pointer(document: Any, pointer: str, expression: str) -> Any:
    node = document
    for token in [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]] if pointer else []:
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, dict) and token in node:
            node = node[token]
        else:
            raise Violation(f"{expression}: the answer has nothing at {pointer}")
    return node


def evaluate(value: Any, request: Request, answer: Answer) -> Any:
    """A link value: a literal, or one runtime expression (``$request.path.x``, ``$response.body#/a/0``, …)."""
    if not isinstance(value, str) or not value.startswith("$"):
        return value
    source, _, rest = value[1:].partition(".")
    if value == "$statusCode":
        return answer.status
    if value == "$method":
        return answer.operation.method
    kind, _, name = rest.partition(".")
    if kind.startswith("body"):
        pointer = kind[len("body") :].removeprefix("#")
        document = request.body if source == "request" else answer.body
        return _pointer(document, pointer, value)
    if source == "request" and kind == "path":
        return request.path[name]
    if source == "request" and kind == "query":
        return request.query[name]
    if source == "response" and kind == "header":
        return answer.headers[name]
    raise RuntimeError(f"runtime expression {value!r} is not supported")


def follow(t: Tester, *, link: Link) -> None:
    source = t.operations[link.source]
    values, query, body = _source(t, link.source)
    request = Request(dict(zip(source.path_params, values, strict=True)), query, body)
    answer = t.call(link.source, *values, query=query, body=body)  # _NO_BODY: none
    if str(answer.status) != link.status:
        raise Violation(f"{answer.describe()}; the link starts from a {link.status} answer")
    target = t.operations[link.target]
    given: dict[str, Any] = {}
    for key, value in link.parameters.items():
        given[key.split(".", 1)[-1]] = evaluate(value, request, answer)
    missing = [name for name in target.path_params if name not in given]
    if missing:
        raise RuntimeError(f"{link.label} gives no value for {missing}")
    path = tuple(str(given[name]) for name in target.path_params)
    target_query = {p["name"]: given[p["name"]] for p in target.parameters if p["in"] == "query" and p["name"] in given}
    if link.has_request_body:
        target_body: Any = evaluate(link.request_body, request, answer)
    else:
        member = next((request.path[n] for n in source.member_params), None) or next(
            (request.body[n] for n in source.member_fields if isinstance(request.body, dict)), None
        )
        target_body = target.example_body()
        if target_body is not None and member is not None:
            target_body.update(dict.fromkeys(target.member_fields, member))
    if target_body is None:
        outcome = t.call(link.target, *path, query=target_query)
    else:
        outcome = t.call(link.target, *path, query=target_query, body=target_body)
    t.ok(outcome)


def run_links(make_tester: Callable[[], Tester], links: list[Link]) -> Iterator[Result]:
    for link in links:
        yield attempt(link.label, f"{link.source} → {link.target}", make_tester(), partial(follow, link=link))
