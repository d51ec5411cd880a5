from __future__ import annotations

import re

import httpx

from .conftest import email, identify

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


def test_identify_creates_a_member_with_the_documented_shape(api: httpx.Client) -> None:
    member = identify(
        api,
        displayName="Ava Example",
        identities=[email("ava@example.com", verified=True)],
        attributes={"plan": "pro"},
    )
    assert member == {
        "id": "user_123",
        "email": "ava@example.com",
        "displayName": "Ava Example",
        "identities": [{"type": "email", "value": "ava@example.com", "verified": True}],
        "attributes": {"plan": "pro"},
        "created": member["created"],
        "updated": member["updated"],
        "deleted": None,
        "lastSeen": None,
    }
    assert TIMESTAMP.fullmatch(member["created"])
    assert member["created"] == member["updated"]


def test_identify_is_an_upsert_keeping_fields_left_out(api: httpx.Client) -> None:
    first = identify(api, displayName="Ava", attributes={"plan": "pro"}, identities=[email("ava@example.com")])
    second = identify(api, attributes={"plan": "enterprise"})
    assert second["displayName"] == "Ava"
    assert second["attributes"] == {"plan": "enterprise"}
    assert second["identities"] == [{"type": "email", "value": "ava@example.com", "verified": False}]
    assert second["created"] == first["created"]
    assert second["updated"] >= first["updated"]


def test_email_is_the_first_email_identity(api: httpx.Client) -> None:
    member = identify(api, identities=[email("first@example.com"), email("second@example.com")])
    assert member["email"] == "first@example.com"
    assert identify(api, identities=[])["email"] is None


def test_find_member_and_unknown_member_is_null(api: httpx.Client) -> None:
    identify(api, displayName="Ava")
    assert api.get("/audience/members/user_123").json()["member"]["displayName"] == "Ava"
    response = api.get("/audience/members/nobody")
    assert response.status_code == 200
    assert response.json() == {"member": None}


def test_update_replaces_given_fields_whole(api: httpx.Client) -> None:
    identify(api, displayName="Ava", attributes={"plan": "pro", "seats": 3}, identities=[email("a@example.com")])
    response = api.put("/audience/members/user_123", json={"attributes": {"plan": "enterprise"}})
    member = response.json()["member"]
    assert member["attributes"] == {"plan": "enterprise"}  # replaced, not merged
    assert member["displayName"] == "Ava"
    member = api.put("/audience/members/user_123", json={"identities": [email("b@example.com", verified=True)]}).json()[
        "member"
    ]
    assert member["identities"] == [{"type": "email", "value": "b@example.com", "verified": True}]
    assert member["email"] == "b@example.com"
    assert api.put("/audience/members/user_123", json={}).json()["member"]["displayName"] == "Ava"


def test_update_unknown_or_deleted_member_is_null_and_creates_nothing(api: httpx.Client) -> None:
    assert api.put("/audience/members/ghost", json={"displayName": "x"}).json() == {"member": None}
    assert api.get("/audience/members/ghost").json() == {"member": None}
    identify(api)
    api.delete("/audience/members/user_123")
    assert api.put("/audience/members/user_123", json={"displayName": "x"}).json() == {"member": None}


def test_delete_is_soft_and_a_second_delete_answers_null(api: httpx.Client) -> None:
    identify(api)
    assert api.delete("/audience/members/user_123").json() == {"id": "user_123"}
    assert api.get("/audience/members/user_123").json() == {"member": None}
    assert api.delete("/audience/members/user_123").json() == {"id": None}
    assert api.delete("/audience/members/never_existed").json() == {"id": None}


def test_identify_revives_a_deleted_member_with_the_new_profile(api: httpx.Client) -> None:
    original = identify(api, displayName="Old", attributes={"a": 1}, identities=[email("old@example.com")])
    api.delete("/audience/members/user_123")
    revived = identify(api, displayName="New")
    assert revived["deleted"] is None
    assert revived["displayName"] == "New"
    assert revived["attributes"] == {}  # the deleted profile does not come back
    assert revived["identities"] == []
    assert revived["created"] == original["created"]
    assert api.get("/audience/members/user_123").json()["member"]["displayName"] == "New"


def test_external_user_ids_with_every_allowed_character_are_addressable(api: httpx.Client) -> None:
    external_user_id = "a.b_c-d@e+f:g=h|i~j"
    identify(api, external_user_id)
    assert api.get(f"/audience/members/{external_user_id}").json()["member"]["id"] == external_user_id
