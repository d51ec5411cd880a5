"""Canned requests and responses shared by the benchmark server, the in-process transport and the workers.

Stdlib only: this module is imported in the project venv and in bench/.venv-peers alike.

ChimeKit bodies are the 200 examples of openapi/chimekit.yaml (``run.py`` checks that they still match
the spec), except that the message list is a full page of 20 items built from the spec's one example
item, so that per-item model building shows up in the figures. Peer bodies are what each peer's
client accepts for its identify/upsert call (pingram and knock validate the response shape).
"""

from __future__ import annotations

import json
import re
from typing import Any

MEMBER: dict[str, Any] = {
    "id": "user_123",
    "email": "ava@example.com",
    "displayName": "Ava Example",
    "identities": [{"type": "email", "value": "ava@example.com", "verified": True}],
    "attributes": {"plan": "pro"},
    "created": "2025-01-01T00:00:00.000Z",
    "updated": "2025-01-01T00:00:00.000Z",
    "deleted": None,
    "lastSeen": None,
}

SEND_RESPONSE: dict[str, Any] = {
    "message": {
        "id": "msg_123",
        "memberId": "mem_123",
        "categoryId": "cat_123",
        "source": "sdk",
        "templateId": None,
        "templateVersionId": None,
        "payload": {},
        "dispatchStatus": "dispatched",
        "scheduledFor": None,
        "createdAt": "2025-01-01T00:00:00.000Z",
    },
    "delivery": None,
    "notification": {
        "id": "not_123",
        "title": "Welcome!",
        "snippet": "A quick hello from ChimeKit",
        "body": "Sent from the SDK endpoints.",
        "actions": None,
        "readAt": None,
        "archivedAt": None,
    },
    "audienceMember": {"id": "mem_123"},
}

LIST_ITEM: dict[str, Any] = {
    "message": {
        "id": "msg_123",
        "memberId": "mem_123",
        "categoryId": "cat_123",
        "source": "sdk",
        "dispatchStatus": "dispatched",
        "scheduledFor": None,
        "createdAt": "2025-01-01T00:00:00.000Z",
        "snippet": "A quick hello from ChimeKit",
    },
    "delivery": None,
    "recipient": {
        "id": "mem_123",
        "externalUserId": "user_123",
        "displayName": "Ava Example",
        "email": "ava@example.com",
    },
    "category": {"id": "cat_123", "name": "Product"},
}

LIST_PAGE_SIZE = 20


def _list_page() -> dict[str, Any]:
    items = []
    for i in range(LIST_PAGE_SIZE):
        item = json.loads(json.dumps(LIST_ITEM))
        item["message"]["id"] = f"msg_{i:03d}"
        items.append(item)
    return {"messages": items, "pagination": {"totalCount": LIST_PAGE_SIZE, "limit": LIST_PAGE_SIZE, "offset": 0}}


# Request bodies (the spec's request examples).
IDENTIFY_TRAITS: dict[str, Any] = {
    "displayName": "Ava Example",
    "identities": [{"type": "email", "value": "ava@example.com", "verified": True}],
    "attributes": {"plan": "pro"},
}
IDENTIFY_BODY: dict[str, Any] = {"externalUserId": "user_123", **IDENTIFY_TRAITS}
SEND_CONTENT: dict[str, Any] = {
    "in_app": {"title": "Welcome!", "snippet": "A quick hello from ChimeKit", "body": "Sent from the SDK endpoints."}
}
SEND_BODY: dict[str, Any] = {"externalUserId": "user_123", "content": SEND_CONTENT}
LIST_PARAMS: dict[str, int] = {"limit": LIST_PAGE_SIZE, "offset": 0}

# Peers: one identify/upsert-like call each, with a body that peer's client accepts.
KNOCK_USER: dict[str, Any] = {
    "__typename": "User",
    "id": "user_123",
    "email": "ava@example.com",
    "name": "Ava Example",
    "avatar": None,
    "phone_number": None,
    "timezone": None,
    "created_at": None,
    "updated_at": "2025-01-01T00:00:00.000Z",
    "properties": {"plan": "pro"},
}
COURIER_OK: dict[str, Any] = {"status": "SUCCESS"}
PINGRAM_USER: dict[str, Any] = {
    "id": "user_123",
    "email": "ava@example.com",
    "timezone": "Europe/London",
    "properties": {"plan": "pro"},
    "lastSeenTime": "2025-01-01T00:00:00.000Z",
    "updatedAt": "2025-01-01T00:00:00.000Z",
    "createdAt": "2025-01-01T00:00:00.000Z",
}
SUPRSEND_USER: dict[str, Any] = {
    "distinct_id": "user_123",
    "properties": {"name": "Ava Example", "plan": "pro"},
    "$email": [{"value": "ava@example.com", "status": "active", "perma_status": "active"}],
    "created_at": "2025-01-01T00:00:00.000Z",
    "updated_at": "2025-01-01T00:00:00.000Z",
}

KNOCK_BODY: dict[str, Any] = {"name": "Ava Example", "email": "ava@example.com"}
COURIER_BODY: dict[str, Any] = {"profile": {"email": "ava@example.com", "name": "Ava Example", "plan": "pro"}}
PINGRAM_BODY: dict[str, Any] = {"id": "user_123", "email": "ava@example.com", "timezone": "Europe/London"}
SUPRSEND_BODY: dict[str, Any] = {"$email": ["ava@example.com"], "name": "Ava Example", "plan": "pro"}

NOT_FOUND = b'{"error":"not found"}'


def _dump(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode()


BODIES: dict[str, bytes] = {
    "member": _dump({"member": MEMBER}),
    "send": _dump(SEND_RESPONSE),
    "list": _dump(_list_page()),
    "knock": _dump(KNOCK_USER),
    "courier": _dump(COURIER_OK),
    "pingram": _dump(PINGRAM_USER),
    "suprsend": _dump(SUPRSEND_USER),
}

# (method, path regex, body key). Paths are matched without the query string.
ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    ("GET", re.compile(r"^/sdk/v1/audience/members/[^/]+$"), "member"),
    ("POST", re.compile(r"^/sdk/v1/audience/identify$"), "member"),
    ("POST", re.compile(r"^/sdk/v1/messages/send$"), "send"),
    ("GET", re.compile(r"^/sdk/v1/messages/members/[^/]+/messages$"), "list"),
    ("PUT", re.compile(r"^/v1/users/[^/]+$"), "knock"),
    ("POST", re.compile(r"^/profiles/[^/]+$"), "courier"),
    ("POST", re.compile(r"^/users/[^/]+$"), "pingram"),
    ("POST", re.compile(r"^/v1/user/[^/]+/$"), "suprsend"),
]

_cache: dict[tuple[str, str], tuple[int, bytes]] = {}


def route(method: str, path: str) -> tuple[int, bytes]:
    """Return (status, body) for a request; results are cached per (method, path)."""
    key = (method, path)
    hit = _cache.get(key)
    if hit is not None:
        return hit
    result = (404, NOT_FOUND)
    for m, pattern, body_key in ROUTES:
        if m == method and pattern.match(path):
            result = (200, BODIES[body_key])
            break
    if len(_cache) < 1024:
        _cache[key] = result
    return result


RESPONSE_HEADERS: list[tuple[str, str]] = [("content-type", "application/json"), ("x-request-id", "req_bench")]
