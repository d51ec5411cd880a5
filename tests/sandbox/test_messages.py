from __future__ import annotations

from typing import Any

import httpx

from .conftest import email, identify
from .test_suppressions import suppress

IN_APP = {"title": "Welcome!", "snippet": "A quick hello", "body": "Body", "actions": [{"label": "Go"}]}


def send(api: httpx.Client, content: Any, **extra: Any) -> httpx.Response:
    return api.post("/messages/send", json={"externalUserId": "user_123", "content": content, **extra})


def test_in_app_send_creates_a_notification(api: httpx.Client) -> None:
    member_id_source = identify(api, displayName="Ava", identities=[email("ava@example.com")])
    assert member_id_source["id"] == "user_123"
    response = send(api, {"in_app": IN_APP, "variables": {"name": "Ava"}})
    assert response.status_code == 200, response.text
    body = response.json()
    message = body["message"]
    assert message["id"].startswith("msg_")
    assert message["memberId"].startswith("mem_")  # internal id, not the externalUserId
    assert body["audienceMember"] == {"id": message["memberId"]}
    assert message["source"] == "sdk"
    assert message["dispatchStatus"] == "dispatched"
    assert message["categoryId"] == "cat_product"
    assert message["payload"] == {"name": "Ava"}
    assert message["templateId"] is None
    assert message["scheduledFor"] is None
    assert body["delivery"] is None
    notification = body["notification"]
    assert notification["id"].startswith("not_")
    assert {k: notification[k] for k in ("title", "snippet", "body", "actions", "readAt", "archivedAt")} == {
        **IN_APP,
        "readAt": None,
        "archivedAt": None,
    }

    detail = api.get(f"/messages/{message['id']}").json()["message"]
    assert detail["message"] == message
    assert detail["notification"] == notification
    assert detail["delivery"] is None
    assert detail["recipient"] == {
        "id": message["memberId"],
        "externalUserId": "user_123",
        "displayName": "Ava",
        "email": "ava@example.com",
    }


def test_email_send_creates_a_delivery_suppressed_by_global_or_category_suppressions(api: httpx.Client) -> None:
    identify(api, identities=[email("ava@example.com")])
    mail = {"email": {"subject": "Hi", "body": "<p>Hi</p>"}}
    delivery = send(api, mail).json()["delivery"]
    assert delivery["channel"] == "email"
    assert delivery["to"] == "ava@example.com"
    assert delivery["status"] == "queued"
    assert delivery["id"].startswith("dlv_")

    suppress(api, "AVA@example.com", "cat_billing")
    assert send(api, mail).json()["delivery"]["status"] == "queued"  # default category: not suppressed
    assert send(api, mail, categoryId="cat_billing").json()["delivery"]["status"] == "suppressed"
    suppress(api, "ava@example.com")
    assert send(api, mail).json()["delivery"]["status"] == "suppressed"


def test_both_channels_and_template_sends(api: httpx.Client) -> None:
    identify(api, identities=[email("ava@example.com")])
    both = send(api, {"in_app": {"title": "T"}, "email": {"subject": "S", "body": "B"}}).json()
    assert both["notification"]["title"] == "T"
    assert both["delivery"]["status"] == "queued"
    template = send(api, {"templateId": "tpl_welcome", "variables": {"x": 1}}).json()
    assert template["notification"] is None
    assert template["delivery"] is None
    assert template["message"]["templateId"] == "tpl_welcome"
    assert template["message"]["payload"] == {"x": 1}
    reference = send(api, {"in_app": {"templateId": "tpl_inapp"}}).json()
    assert reference["notification"]["title"] == "tpl_inapp"


def test_send_errors(api: httpx.Client) -> None:
    response = send(api, {"in_app": {"title": "T"}})
    assert response.status_code == 404
    assert response.json() == {"error": "member not found"}
    identify(api)
    response = send(api, {"in_app": {"title": "T"}}, categoryId="cat_missing")
    assert response.status_code == 404
    assert response.json() == {"error": "categoryId: category cat_missing not found (known: cat_product, cat_billing)"}
    neither = "content: matches none of the allowed forms: Either a template"
    for content, problem in [
        ({}, neither),
        ({"variables": {}}, neither),
        ({"templateId": "t", "in_app": {"title": "T"}}, neither),
        ("x", "content: must be an object, not string"),
        ({"in_app": {}}, "content.in_app: matches none of the allowed forms: In-app"),
        ({"in_app": {"snippet": "s"}}, "content.in_app.title: is required"),
        ({"in_app": {"title": 5}}, "content.in_app.title: must be a string, not integer"),
        ({"in_app": {"title": ""}}, "content.in_app.title: must be at least 1 character"),
        ({"in_app": {"title": "T", "templateId": "x"}}, "content.in_app: matches none of the allowed forms: In-app"),
        ({"in_app": {"templateId": "a b"}}, "content.in_app.templateId: must match the pattern"),
        ({"email": {"subject": "S"}}, "content.email.body: is required"),
        ({"in_app": {"title": "T", "actions": ["x"]}}, "content.in_app.actions[0]: must be an object, not string"),
    ]:
        response = send(api, content)
        assert response.status_code == 400, content
        assert response.json()["error"].startswith(problem), (content, response.json())


def test_list_is_newest_first_with_paging(api: httpx.Client) -> None:
    identify(api, displayName="Ava")
    ids = [send(api, {"in_app": {"title": f"T{i}", "snippet": f"s{i}"}}).json()["message"]["id"] for i in range(5)]
    page = api.get("/messages/members/user_123/messages").json()
    assert [item["message"]["id"] for item in page["messages"]] == ids[::-1]
    assert page["pagination"] == {"totalCount": 5, "limit": 20, "offset": 0}
    first = page["messages"][0]
    assert first["message"]["snippet"] == "s4"
    assert first["category"] == {"id": "cat_product", "name": "Product"}
    assert first["recipient"]["externalUserId"] == "user_123"
    assert first["delivery"] is None
    page = api.get("/messages/members/user_123/messages", params={"limit": 2, "offset": 1}).json()
    assert [item["message"]["id"] for item in page["messages"]] == [ids[3], ids[2]]
    assert page["pagination"] == {"totalCount": 5, "limit": 2, "offset": 1}
    assert api.get("/messages/members/user_123/messages", params={"offset": 10}).json()["messages"] == []
    far = api.get("/messages/members/user_123/messages", params={"offset": 2**31 - 1}).json()
    assert far["messages"] == []
    assert far["pagination"]["offset"] == 2**31 - 1


def test_list_and_get_errors(api: httpx.Client) -> None:
    assert api.get("/messages/members/ghost/messages").status_code == 404
    assert api.get("/messages/msg_unknown").json() == {"error": "message not found"}
    identify(api)
    wrong: list[tuple[dict[str, Any], str]] = [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "abc"}, "limit"),
        ({"limit": "1.5"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": ""}, "offset"),
        ({"offset": 2**31}, "offset"),
        ({"offset": "9" * 5000}, "offset"),
    ]
    for params, field in wrong:
        response = api.get("/messages/members/user_123/messages", params=params)
        assert response.status_code == 400, params
        assert response.json()["error"].startswith(f"{field}: ")
    twice = api.get("/messages/members/user_123/messages", params=[("limit", 1), ("limit", 2)])
    assert twice.json() == {"error": "limit: must be given once"}
    assert api.get("/messages/members/user_123/messages", params={"limit": 101}).json() == {
        "error": "limit: must be at most 100"
    }
