"""Cross-cutting HTTP behaviour: auth, JSON errors, X-Request-Id, request validation."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from chimekit_sandbox import RunningSandbox, create_app

from .conftest import SECRET, identify

pytestmark = pytest.mark.anyio


def assert_json_error(response: httpx.Response, status: int, prefix: str = "") -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-request-id"].startswith("req_")
    body = response.json()
    assert list(body) == ["error"]
    assert body["error"].startswith(prefix), body


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Bearer wrong",
        f"Basic {SECRET}",
        f"Bearer {SECRET}x",
        "Bearer \u00e9".encode("latin-1"),
    ],
)
async def test_missing_or_wrong_secret_is_401(asgi_api: httpx.AsyncClient, authorization: str | bytes | None) -> None:
    headers: dict[str, Any] = {} if authorization is None else {"Authorization": authorization}
    asgi_api.headers.pop("Authorization")
    response = await asgi_api.get("/audience/members/user_123", headers=headers)
    assert_json_error(response, 401, "Unauthorized")


async def test_scheme_is_case_insensitive(asgi_api: httpx.AsyncClient) -> None:
    response = await asgi_api.get("/audience/members/u", headers={"Authorization": f"bearer {SECRET}"})
    assert response.status_code == 200


async def test_every_response_has_a_distinct_request_id(asgi_api: httpx.AsyncClient) -> None:
    first = await asgi_api.get("/audience/members/u")
    second = await asgi_api.get("/audience/members/u")
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


@pytest.mark.parametrize("path", ["/nope", "/audience/members", "/audience/members/a/b/c", "/audience/identify/"])
async def test_unknown_routes_are_json_404(asgi_api: httpx.AsyncClient, path: str) -> None:
    assert_json_error(await asgi_api.get(path), 404)


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("GET", "/audience/identify", "POST"),
        ("OPTIONS", "/audience/identify", "POST"),
        ("TRACE", "/audience/members/u", "GET, PUT, DELETE"),
        ("HEAD", "/messages/msg_1", "GET"),
        ("PATCH", "/audience/members/u/suppressions", "GET, POST"),
        ("GET", "/audience/members/u/suppressions/sup_1", "DELETE"),
        ("QUERY", "/workflows/runs/wr_1", "GET"),
    ],
)
async def test_wrong_methods_are_json_405_with_allow(
    asgi_api: httpx.AsyncClient, method: str, path: str, allow: str
) -> None:
    response = await asgi_api.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allow
    if method != "HEAD":
        assert_json_error(response, 405)


async def test_unexpected_exceptions_are_json_500_with_request_id(monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(secret_key=SECRET)

    def boom(*args: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(app.store, "find_member", boom)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as client:
        response = await client.get("/sdk/v1/audience/members/u", headers={"Authorization": f"Bearer {SECRET}"})
    app.close()
    assert_json_error(response, 500, "Internal server error")


BAD_BODIES: list[tuple[str, dict[str, Any], str]] = [
    ("/audience/identify", {}, "externalUserId: is required"),
    ("/audience/identify", {"externalUserId": 123}, "externalUserId: must be a string"),
    ("/audience/identify", {"externalUserId": ""}, "externalUserId: must be at least 1 character"),
    ("/audience/identify", {"externalUserId": ".dot"}, "externalUserId: must match the pattern ^"),
    ("/audience/identify", {"externalUserId": "a/b"}, "externalUserId: must match the pattern ^"),
    ("/audience/identify", {"externalUserId": "user\n"}, "externalUserId: must match the pattern ^"),
    ("/audience/identify", {"externalUserId": "x" * 257}, "externalUserId: must be at most 256 characters"),
    ("/audience/identify", {"externalUserId": "u", "displayname": "typo"}, "displayname: is not allowed"),
    ("/audience/identify", {"externalUserId": "u", "displayName": None}, "displayName: must be a string, not null"),
    ("/audience/identify", {"externalUserId": "u", "attributes": []}, "attributes: must be an object"),
    ("/audience/identify", {"externalUserId": "u", "identities": {}}, "identities: must be an array"),
    (
        "/audience/identify",
        {"externalUserId": "u", "identities": [{"type": "sms", "value": "1"}]},
        "identities[0].type: must be one of: email",
    ),
    (
        "/audience/identify",
        {"externalUserId": "u", "identities": [{"type": "email"}]},
        "identities[0].value: is required",
    ),
    (
        "/audience/identify",
        {"externalUserId": "u", "identities": [{"type": "email", "value": "a", "verified": 1}]},
        "identities[0].verified: must be a boolean",
    ),
    (
        "/audience/identify",
        {"externalUserId": "u", "identities": [{"type": "email", "value": "a"}] * 21},
        "identities: must have at most 20 items",
    ),
    (
        "/audience/members/u/suppressions",
        {"identity": {"type": "email", "value": "a", "verified": True}},
        "identity.verified: is not allowed",
    ),
    (
        "/audience/members/u/suppressions",
        {"identity": {"type": "email", "value": "a"}, "categoryId": "a b"},
        "categoryId: must match the pattern ^",
    ),
    ("/workflows/w/run", {"externalUserId": True}, "externalUserId: must be a string"),
]


@pytest.mark.parametrize(("path", "body", "prefix"), BAD_BODIES)
async def test_invalid_bodies_are_400_naming_the_field(
    asgi_api: httpx.AsyncClient, path: str, body: dict[str, Any], prefix: str
) -> None:
    await asgi_api.post("/audience/identify", json={"externalUserId": "u"})
    assert_json_error(await asgi_api.post(path, json=body), 400, prefix)


@pytest.mark.parametrize(
    ("content", "content_type", "prefix"),
    [
        (b"", "application/json", "body: is required"),
        (b"{", "application/json", "body: is not valid JSON"),
        (b"\xff", "application/json", "body: is not valid JSON"),
        (b'{"externalUserId": NaN}', "application/json", "body: is not valid JSON"),
        (b'{"externalUserId": "u", "attributes": {"x": 1e999}}', "application/json", "body: has a number beyond"),
        (b'{"externalUserId": "\\ud800"}', "application/json", "body: is not valid JSON"),
        (b"[" * 100000 + b"]" * 100000, "application/json", "body: "),
        (b"[]", "application/json", "body: must be an object, not array"),
        (b"null", "application/json", "body: must be an object, not null"),
        (b'{"externalUserId": "u"}', "text/plain", "body: Content-Type"),
        (b'{"externalUserId": "u"}', "", "body: Content-Type"),
    ],
)
async def test_malformed_bodies_are_400(
    asgi_api: httpx.AsyncClient, content: bytes, content_type: str, prefix: str
) -> None:
    response = await asgi_api.post("/audience/identify", content=content, headers={"Content-Type": content_type})
    assert_json_error(response, 400, prefix)


async def test_content_type_parameters_are_accepted(asgi_api: httpx.AsyncClient) -> None:
    response = await asgi_api.post(
        "/audience/identify",
        content=b'{"externalUserId":"u"}',
        headers={"Content-Type": "Application/JSON; charset=utf-8"},
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("path", "prefix"),
    [
        ("/audience/members/.hidden", "externalUserId: "),
        ("/audience/members/a%20b/suppressions", "externalUserId: "),
        ("/messages/msg.1", "messageId: "),
        ("/workflows/runs/" + "r" * 129, "runId: "),
    ],
)
async def test_invalid_path_ids_are_400(asgi_api: httpx.AsyncClient, path: str, prefix: str) -> None:
    assert_json_error(await asgi_api.get(path), 400, prefix)


def test_odd_unicode_round_trips_over_real_http(api: httpx.Client, chimekit_sandbox: RunningSandbox) -> None:
    name = "Ava \u0000 \U0001f600 \u202e"
    member = identify(api, displayName=name, attributes={"k\u00e9y": ["\u2028", 1.5, None, True]})
    assert member["displayName"] == name
    assert api.get("/audience/members/user_123").json()["member"]["attributes"] == {
        "k\u00e9y": ["\u2028", 1.5, None, True]
    }
