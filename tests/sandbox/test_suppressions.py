from __future__ import annotations

from typing import Any

import httpx

from .conftest import email, identify


def suppress(api: httpx.Client, value: str, category_id: str | None = None, member: str = "user_123") -> Any:
    body: dict[str, Any] = {"identity": email(value)}
    if category_id is not None:
        body["categoryId"] = category_id
    return api.post(f"/audience/members/{member}/suppressions", json=body)


def test_add_list_and_remove(api: httpx.Client) -> None:
    identify(api, identities=[email("ava@example.com", verified=True)])
    assert api.get("/audience/members/user_123/suppressions").json() == {"suppressions": []}
    response = suppress(api, "ava@example.com")
    assert response.status_code == 200
    suppression = response.json()["suppression"]
    assert suppression["id"].startswith("sup_")
    assert suppression["reason"] == "opt-out"
    assert suppression["category"] is None
    assert suppression["identity"]["value"] == "ava@example.com"
    assert suppression["identity"]["verified"] is True
    assert suppression["identity"]["metadata"] is None
    assert suppression["identity"]["id"].startswith("aid_")
    assert suppression["createdAt"] == suppression["updatedAt"]

    product = suppress(api, "ava@example.com", "cat_billing").json()["suppression"]
    assert product["category"] == {"id": "cat_billing", "name": "Billing"}
    listed = api.get("/audience/members/user_123/suppressions").json()["suppressions"]
    assert [s["id"] for s in listed] == [suppression["id"], product["id"]]  # oldest first

    removed = api.delete(f"/audience/members/user_123/suppressions/{suppression['id']}")
    assert removed.status_code == 204
    assert removed.content == b""
    again = api.delete(f"/audience/members/user_123/suppressions/{suppression['id']}")
    assert again.status_code == 404
    assert again.json() == {"error": "suppression not found"}
    assert [s["id"] for s in api.get("/audience/members/user_123/suppressions").json()["suppressions"]] == [
        product["id"]
    ]


def test_add_is_idempotent_per_identity_and_category_matching_emails_case_insensitively(api: httpx.Client) -> None:
    identify(api, identities=[email("Ava@Example.com")])
    first = suppress(api, "Ava@Example.com").json()["suppression"]
    assert suppress(api, "ava@example.com").json()["suppression"] == first
    assert suppress(api, "ava@example.com", "cat_billing").json()["suppression"]["id"] != first["id"]
    assert len(api.get("/audience/members/user_123/suppressions").json()["suppressions"]) == 2
    member = api.get("/audience/members/user_123").json()["member"]
    assert len(member["identities"]) == 1


def test_an_identity_the_member_lacks_is_added(api: httpx.Client) -> None:
    identify(api, identities=[email("ava@example.com")])
    suppress(api, "other@example.com")
    identities = api.get("/audience/members/user_123").json()["member"]["identities"]
    assert identities == [
        {"type": "email", "value": "ava@example.com", "verified": False},
        {"type": "email", "value": "other@example.com", "verified": False},
    ]


def test_unknown_member_and_unknown_category_are_404(api: httpx.Client) -> None:
    for response in (
        api.get("/audience/members/ghost/suppressions"),
        suppress(api, "a@example.com", member="ghost"),
        api.delete("/audience/members/ghost/suppressions/sup_1"),
    ):
        assert response.status_code == 404
        assert response.json() == {"error": "member not found"}
    identify(api)
    response = suppress(api, "a@example.com", "cat_nope")
    assert response.status_code == 404
    assert response.json() == {"error": "categoryId: category cat_nope not found (known: cat_product, cat_billing)"}
    assert api.delete("/audience/members/user_123/suppressions/sup_nope").status_code == 404


def test_deleted_member_suppressions_are_404(api: httpx.Client) -> None:
    identify(api)
    api.delete("/audience/members/user_123")
    assert api.get("/audience/members/user_123/suppressions").status_code == 404
