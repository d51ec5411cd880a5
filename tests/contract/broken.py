"""Variants of the sandbox that each break the contract in exactly one way (ASGI wrappers).

Shapes (schemathesis finds them): a dropped field, a wrong type, an undocumented status, a wrong content
type, missing headers, a 500 on bad input, auth ignored. Behaviour (the behaviour checks and links find
them): writes acknowledged but not applied, reads that ignore their parameters, wrong order or counts,
statuses that go back. And servers that are not broken but hard to test: one that rate-limits, one
that answers HTML.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from chimekit_sandbox._engine import ASGIApp, Message, Receive, Scope, Send

Headers = list[tuple[bytes, bytes]]
Rewrite = Callable[[int, Headers, bytes], tuple[int, Headers, bytes]]
Wrapper = Callable[[ASGIApp], ASGIApp]
MEMBER = "/sdk/v1/audience/members/[^/]+"


def _matches(scope: Scope, method: str, pattern: re.Pattern[str]) -> bool:
    return scope["type"] == "http" and scope["method"] == method and bool(pattern.fullmatch(scope["path"]))


def rewrite_responses(app: ASGIApp, method: str, path: str, rewrite: Rewrite) -> ASGIApp:
    """Pass responses to ``method`` + ``path`` (a regex over the decoded path) through ``rewrite``."""
    pattern = re.compile(path)

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if not _matches(scope, method, pattern):
            await app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def buffered(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            status, headers, body = rewrite(start["status"], headers, b"".join(chunks))
            headers.append((b"content-length", str(len(body)).encode()))
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await app(scope, receive, buffered)

    return wrapped


def rewrite_requests(
    app: ASGIApp, method: str, path: str, change: Callable[[Scope, bytes], tuple[Scope, bytes]]
) -> ASGIApp:
    """Pass requests to ``method`` + ``path`` through ``change`` (scope, body) before the app sees them."""
    pattern = re.compile(path)

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if not _matches(scope, method, pattern):
            await app(scope, receive, send)
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        scope, body = change(scope, body)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await app(scope, replay, send)

    return wrapped


def answer_without_the_app(app: ASGIApp, method: str, path: str, answer: Callable[[Scope], tuple[int, Any]]) -> ASGIApp:
    """Requests to ``method`` + ``path`` are answered by ``answer`` (status, JSON or None) and never reach the app."""
    pattern = re.compile(path)

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if not _matches(scope, method, pattern):
            await app(scope, receive, send)
            return
        status, value = answer(scope)
        body = b"" if value is None else json.dumps(value).encode()
        headers = [(b"x-request-id", b"req_broken"), (b"content-length", str(len(body)).encode())]
        if value is not None:
            headers.append((b"content-type", b"application/json"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return wrapped


def json_rewrite(change: Callable[[Any], Any]) -> Rewrite:
    def rewrite(status: int, headers: Headers, body: bytes) -> tuple[int, Headers, bytes]:
        if status >= 300 or not body:
            return status, headers, body
        return status, headers, json.dumps(change(json.loads(body))).encode()

    return rewrite


def json_body_change(
    change: Callable[[dict[str, Any]], dict[str, Any]],
) -> Callable[[Scope, bytes], tuple[Scope, bytes]]:
    def apply(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
        try:
            value = json.loads(body)
        except ValueError:
            return scope, body
        return scope, json.dumps(change(value) if isinstance(value, dict) else value).encode()

    return apply


def _member_id(scope: Scope) -> str:
    return str(scope["path"].split("/")[5])


# ---------------------------------------------------------------- shapes


def _drop_created(body: Any) -> Any:
    del body["member"]["created"]
    return body


def dropped_required_field(app: ASGIApp) -> ASGIApp:
    """identify's member lacks the required ``created``."""
    return rewrite_responses(app, "POST", "/sdk/v1/audience/identify", json_rewrite(_drop_created))


def wrong_type(app: ASGIApp) -> ASGIApp:
    """deleteMember answers ``{"id": 42}`` (the id is a string or null)."""
    return rewrite_responses(app, "DELETE", MEMBER, json_rewrite(lambda body: {"id": 42}))


def undocumented_status(app: ASGIApp) -> ASGIApp:
    """removeSuppression answers 200 with a body where the spec documents only 204."""

    def rewrite(status: int, headers: Headers, body: bytes) -> tuple[int, Headers, bytes]:
        if status != 204:
            return status, headers, body
        return 200, [*headers, (b"content-type", b"application/json")], b"{}"

    return rewrite_responses(app, "DELETE", f"{MEMBER}/suppressions/[^/]+", rewrite)


def wrong_content_type(app: ASGIApp) -> ASGIApp:
    """findMember's JSON goes out as ``text/plain``."""

    def rewrite(status: int, headers: Headers, body: bytes) -> tuple[int, Headers, bytes]:
        headers = [(k, v) for k, v in headers if k.lower() != b"content-type"]
        return status, [*headers, (b"content-type", b"text/plain; charset=utf-8")], body

    return rewrite_responses(app, "GET", MEMBER, rewrite)


def _drop_header(name: bytes) -> Rewrite:
    def rewrite(status: int, headers: Headers, body: bytes) -> tuple[int, Headers, bytes]:
        return status, [(k, v) for k, v in headers if k.lower() != name], body

    return rewrite


def no_request_id(app: ASGIApp) -> ASGIApp:
    """findMember's responses lack the ``X-Request-Id`` header every response must carry."""
    return rewrite_responses(app, "GET", MEMBER, _drop_header(b"x-request-id"))


def no_www_authenticate(app: ASGIApp) -> ASGIApp:
    """findMember's 401 lacks ``WWW-Authenticate``."""
    return rewrite_responses(app, "GET", MEMBER, _drop_header(b"www-authenticate"))


def server_error_on_bad_input(app: ASGIApp) -> ASGIApp:
    """identify crashes (a JSON 500) on every request it should reject with 400."""

    def rewrite(status: int, headers: Headers, body: bytes) -> tuple[int, Headers, bytes]:
        if status != 400:
            return status, headers, body
        return 500, headers, b'{"error": "Internal server error"}'

    return rewrite_responses(app, "POST", "/sdk/v1/audience/identify", rewrite)


def auth_ignored(secret_key: str) -> Wrapper:
    """Every request is treated as authorised, whatever its Authorization header."""

    def wrap(app: ASGIApp) -> ASGIApp:
        async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http":
                headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"authorization"]
                headers.append((b"authorization", f"Bearer {secret_key}".encode()))
                scope = {**scope, "headers": headers}
            await app(scope, receive, send)

        return wrapped

    return wrap


# ---------------------------------------------------------------- behaviour: one per behaviour check


def find_forgets_attributes(app: ASGIApp) -> ASGIApp:
    """findMember answers the member with empty ``attributes`` (what identify stored is not what reads show)."""

    def change(body: Any) -> Any:
        if body.get("member"):
            body["member"]["attributes"] = {}
        return body

    return rewrite_responses(app, "GET", MEMBER, json_rewrite(change))


def reidentify_ignored(app: ASGIApp) -> ASGIApp:
    """identify of a member already identified keeps the stored profile (the new fields are dropped)."""
    seen: set[str] = set()

    def change(body: dict[str, Any]) -> dict[str, Any]:
        member = str(body.get("externalUserId"))
        if member in seen:
            return {"externalUserId": member}
        seen.add(member)
        return body

    return rewrite_requests(app, "POST", "/sdk/v1/audience/identify", json_body_change(change))


def update_ignored(app: ASGIApp) -> ASGIApp:
    """updateMember applies nothing (and answers the member as stored)."""
    return rewrite_requests(app, "PUT", MEMBER, json_body_change(lambda body: {}))


def update_replaces_all(app: ASGIApp) -> ASGIApp:
    """updateMember clears the fields left out instead of keeping them."""
    return rewrite_requests(
        app, "PUT", MEMBER, json_body_change(lambda body: {"attributes": {}, "identities": [], **body})
    )


def delete_not_applied(app: ASGIApp) -> ASGIApp:
    """deleteMember acknowledges the delete but deletes nothing."""
    return answer_without_the_app(app, "DELETE", MEMBER, lambda scope: (200, {"id": _member_id(scope)}))


def no_revival(app: ASGIApp) -> ASGIApp:
    """A deleted member stays unfound after identify (reads answer null)."""
    deleted: set[str] = set()

    def remember(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
        deleted.add(_member_id(scope))
        return scope, body

    def hide(scope: Scope) -> tuple[int, Any]:
        return 200, {"member": None}

    inner = rewrite_requests(app, "DELETE", MEMBER, remember)

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        is_find = scope["type"] == "http" and scope["method"] == "GET" and re.fullmatch(MEMBER, scope["path"])
        if is_find and _member_id(scope) in deleted:
            await answer_without_the_app(inner, "GET", MEMBER, hide)(scope, receive, send)
            return
        await inner(scope, receive, send)

    return wrapped


def suppressions_not_listed(app: ASGIApp) -> ASGIApp:
    """listSuppressions answers an empty list whatever the member has."""
    return rewrite_responses(app, "GET", f"{MEMBER}/suppressions", json_rewrite(lambda body: {"suppressions": []}))


def remove_not_applied(app: ASGIApp) -> ASGIApp:
    """removeSuppression answers 204 but removes nothing."""
    return answer_without_the_app(app, "DELETE", f"{MEMBER}/suppressions/[^/]+", lambda scope: (204, None))


def message_detail_wrong(app: ASGIApp) -> ASGIApp:
    """getMessage answers another title than the one sent."""

    def change(body: Any) -> Any:
        if body["message"].get("notification"):
            body["message"]["notification"]["title"] = "Something else"
        return body

    return rewrite_responses(app, "GET", "/sdk/v1/messages/[^/]+", json_rewrite(change))


def list_misses_newest(app: ASGIApp) -> ASGIApp:
    """listMemberMessages leaves out the newest message."""

    def change(body: Any) -> Any:
        if body["pagination"]["offset"] == 0:
            body["messages"] = body["messages"][1:]
        return body

    return rewrite_responses(app, "GET", "/sdk/v1/messages/members/[^/]+/messages", json_rewrite(change))


def offset_ignored(app: ASGIApp) -> ASGIApp:
    """listMemberMessages serves the first page whatever the offset (and says so in ``pagination``)."""

    def change(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
        query = [(k, v) for k, v in parse_qsl(scope["query_string"].decode()) if k != "offset"]
        return {**scope, "query_string": urlencode(query).encode()}, body

    return rewrite_requests(app, "GET", "/sdk/v1/messages/members/[^/]+/messages", change)


def total_count_of_page(app: ASGIApp) -> ASGIApp:
    """``totalCount`` counts the page instead of all of the member's messages."""

    def change(body: Any) -> Any:
        body["pagination"]["totalCount"] = len(body["messages"])
        return body

    return rewrite_responses(app, "GET", "/sdk/v1/messages/members/[^/]+/messages", json_rewrite(change))


def wrong_order(app: ASGIApp) -> ASGIApp:
    """Each page lists its messages oldest first."""

    def change(body: Any) -> Any:
        body["messages"] = body["messages"][::-1]
        return body

    return rewrite_responses(app, "GET", "/sdk/v1/messages/members/[^/]+/messages", json_rewrite(change))


def run_shows_another_key(app: ASGIApp) -> ASGIApp:
    """getWorkflowRun answers another workflow key than the one run."""

    def change(body: Any) -> Any:
        body["run"]["workflowKey"] = "another-workflow"
        return body

    return rewrite_responses(app, "GET", "/sdk/v1/workflows/runs/[^/]+", json_rewrite(change))


def run_finishes_without_finished_at(app: ASGIApp) -> ASGIApp:
    """A completed run has no ``finishedAt``."""

    def change(body: Any) -> Any:
        if body["run"]["status"] == "completed":
            body["run"]["finishedAt"] = None
        return body

    return rewrite_responses(app, "GET", "/sdk/v1/workflows/runs/[^/]+", json_rewrite(change))


def run_status_goes_back(app: ASGIApp) -> ASGIApp:
    """The read after one that showed a run ``running`` shows it ``queued`` again (statuses move back)."""
    shown_running: set[str] = set()

    def change(body: Any) -> Any:
        run = body["run"]
        if run["id"] in shown_running:
            shown_running.discard(run["id"])
            run.update(status="queued", startedAt=None, finishedAt=None)
        elif run["status"] == "running":
            shown_running.add(run["id"])
        return body

    return rewrite_responses(app, "GET", "/sdk/v1/workflows/runs/[^/]+", json_rewrite(change))


def suppression_ids_unusable(app: ASGIApp) -> ASGIApp:
    """listSuppressions answers ids no other operation knows (the link to removeSuppression leads nowhere)."""

    def change(body: Any) -> Any:
        for suppression in body["suppressions"]:
            suppression["id"] = "sup_listed_only"
        return body

    return rewrite_responses(app, "GET", f"{MEMBER}/suppressions", json_rewrite(change))


# ---------------------------------------------------------------- honest, but hard to test


def rate_limited(app: ASGIApp, *, every: int = 5, without_retry_after: int = 3) -> ASGIApp:
    """Every ``every``-th request is a documented 429 (``Retry-After: 0``, or none on every
    ``without_retry_after``-th of those); nothing is acted on. The answers are counted in ``.limited``."""
    requests = itertools.count(1)
    limited = itertools.count(1)

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or next(requests) % every:
            await app(scope, receive, send)
            return
        headers = [(b"content-type", b"application/json"), (b"x-request-id", b"req_rate_limited")]
        if next(limited) % without_retry_after:
            headers.append((b"retry-after", b"0"))
        body = b'{"error": "Too many requests"}'
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 429, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return wrapped


async def html_site(scope: Scope, receive: Receive, send: Send) -> None:
    """Not an API: a web page for every path."""
    if scope["type"] != "http":
        return
    body = b"<!doctype html><html><body><h1>Welcome</h1></body></html>"
    headers = [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def recording(app: ASGIApp, log: list[tuple[str, str, int, bytes]]) -> ASGIApp:
    """Every request's method, path, status and body, appended to ``log`` (the app unchanged)."""

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        body = b""

        async def reading() -> Message:
            nonlocal body
            message = await receive()
            body += message.get("body", b"")
            return message

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                log.append((scope["method"], scope["path"], message["status"], body))
            await send(message)

        await app(scope, reading, sending)

    return wrapped
