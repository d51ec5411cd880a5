"""Variants of the sandbox that each break the contract in exactly one way (ASGI wrappers)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from chimekit_sandbox._engine import ASGIApp, Message, Receive, Scope, Send

Rewrite = Callable[[int, list[tuple[bytes, bytes]], bytes], tuple[int, list[tuple[bytes, bytes]], bytes]]


def rewrite_responses(app: ASGIApp, method: str, path: str, rewrite: Rewrite) -> ASGIApp:
    """Pass responses to ``method`` + ``path`` (a regex over the decoded path) through ``rewrite``."""
    pattern = re.compile(path)

    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != method or not pattern.fullmatch(scope["path"]):
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


def json_rewrite(change: Callable[[Any], Any]) -> Rewrite:
    def rewrite(status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> tuple[int, list[Any], bytes]:
        if status >= 300 or not body:
            return status, headers, body
        return status, headers, json.dumps(change(json.loads(body))).encode()

    return rewrite


def _drop_created(body: Any) -> Any:
    del body["member"]["created"]
    return body


def dropped_required_field(app: ASGIApp) -> ASGIApp:
    """identify's member lacks the required ``created``."""
    return rewrite_responses(app, "POST", "/sdk/v1/audience/identify", json_rewrite(_drop_created))


def wrong_type(app: ASGIApp) -> ASGIApp:
    """deleteMember answers ``{"id": 42}`` (the id is a string or null)."""
    return rewrite_responses(app, "DELETE", "/sdk/v1/audience/members/[^/]+", json_rewrite(lambda body: {"id": 42}))


def undocumented_status(app: ASGIApp) -> ASGIApp:
    """removeSuppression answers 200 with a body where the spec documents only 204."""

    def rewrite(status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> tuple[int, list[Any], bytes]:
        if status != 204:
            return status, headers, body
        return 200, [*headers, (b"content-type", b"application/json")], b"{}"

    return rewrite_responses(app, "DELETE", "/sdk/v1/audience/members/[^/]+/suppressions/[^/]+", rewrite)


def wrong_content_type(app: ASGIApp) -> ASGIApp:
    """findMember's JSON goes out as ``text/plain``."""

    def rewrite(status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> tuple[int, list[Any], bytes]:
        headers = [(k, v) for k, v in headers if k.lower() != b"content-type"]
        return status, [*headers, (b"content-type", b"text/plain; charset=utf-8")], body

    return rewrite_responses(app, "GET", "/sdk/v1/audience/members/[^/]+", rewrite)


def _drop_header(name: bytes) -> Rewrite:
    def rewrite(status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> tuple[int, list[Any], bytes]:
        return status, [(k, v) for k, v in headers if k.lower() != name], body

    return rewrite


def no_request_id(app: ASGIApp) -> ASGIApp:
    """findMember's responses lack the ``X-Request-Id`` header every response must carry."""
    return rewrite_responses(app, "GET", "/sdk/v1/audience/members/[^/]+", _drop_header(b"x-request-id"))


def no_www_authenticate(app: ASGIApp) -> ASGIApp:
    """findMember's 401 lacks ``WWW-Authenticate``."""
    return rewrite_responses(app, "GET", "/sdk/v1/audience/members/[^/]+", _drop_header(b"www-authenticate"))


def server_error_on_bad_input(app: ASGIApp) -> ASGIApp:
    """identify crashes (a JSON 500) on every request it should reject with 400."""

    def rewrite(status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> tuple[int, list[Any], bytes]:
        if status != 400:
            return status, headers, body
        return 500, headers, b'{"error": "Internal server error"}'

    return rewrite_responses(app, "POST", "/sdk/v1/audience/identify", rewrite)


def auth_ignored(secret_key: str) -> Callable[[ASGIApp], ASGIApp]:
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
