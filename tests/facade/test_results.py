"""Results are the documented JSON with typed attributes: read-only views over what the server sent."""

from __future__ import annotations

import copy
import datetime
import json
import pickle
from collections.abc import Iterator, Mapping
from typing import Any

import chimekit
import httpx
import pytest
from chimekit import ChimeKit
from chimekit_api.models import (
    ChannelContent,
    IdentifyRequest,
    IdentifyRequestDict,
    IdentityInput,
    IdentityInputType,
    InAppManualContent,
    Member,
    MessageListItem,
)

IDENTIFY: IdentifyRequestDict = {
    "displayName": "Ava Example",
    "identities": [{"type": "email", "value": "ava@example.com", "verified": True}],
    "attributes": {"plan": "pro", "nested": {"a": [1, 2]}},
}


@pytest.fixture(scope="module")
def ck(sandbox: Any) -> Iterator[ChimeKit]:
    with ChimeKit(secret_key=sandbox.secret_key, base_url=sandbox.url) as client:
        client.identify("views", IDENTIFY)
        client.messages.send_message("views", content={"in_app": {"title": "Hi", "snippet": "s"}})
        yield client


def test_a_result_reads_as_the_json_the_docs_show(ck: ChimeKit) -> None:
    member = ck.audience.find_member("views")
    assert member is not None
    raw = ck.with_raw_response.audience.find_member("views").http_response.json()["member"]
    assert member == raw  # equal to its JSON
    assert dict(member) == raw
    assert member["created"] == raw["created"]  # the text as received ("...Z"), not a datetime
    assert member.to_dict() == raw
    assert json.loads(json.dumps(member.to_dict())) == raw
    assert member.get("displayName") == "Ava Example"
    assert member.get("nope", 7) == 7
    assert set(member.keys()) == set(raw)
    assert list(member.items()) == list(raw.items())
    assert list(member.values()) == list(raw.values())
    assert len(member) == len(raw)
    assert "lastSeen" in member
    assert "nope" not in member
    assert isinstance(member, Mapping)


def test_attributes_are_typed_and_free_form_objects_are_dicts(ck: ChimeKit) -> None:
    member = ck.audience.find_member("views")
    assert member is not None
    assert isinstance(member.created, datetime.datetime)
    assert member.created.tzinfo is not None
    assert member.display_name == "Ava Example"
    assert member.identities[0].value == "ava@example.com"
    assert member.identities[0] == {"type": "email", "value": "ava@example.com", "verified": True}
    assert isinstance(member.attributes, dict)  # a dict that cannot change (see test_results_are_read_only)
    assert dict(member.attributes) == IDENTIFY["attributes"]
    assert json.loads(json.dumps(member.attributes)) == IDENTIFY["attributes"]
    page = ck.messages.list_messages_for_user("views")
    assert page["pagination"] == {"totalCount": 1, "limit": 20, "offset": 0}
    assert page.pagination.total_count == 1
    item: MessageListItem = page.messages[0]
    assert isinstance(item.message.created_at, datetime.datetime)
    assert page["messages"][0]["message"]["createdAt"] == item.message["createdAt"]
    assert type(item.message.created_at) is datetime.datetime
    assert item.category is not None
    assert item.category.name == "Product"


def test_results_are_read_only(ck: ChimeKit) -> None:
    member = ck.audience.find_member("views")
    assert member is not None
    with pytest.raises(TypeError):
        member["displayName"] = "B"  # type: ignore[index]
    with pytest.raises(AttributeError):
        member.display_name = "B"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        member.nickname = "B"  # type: ignore[attr-defined]
    assert member["displayName"] == "Ava Example"
    copied = member.to_dict()
    copied["displayName"] = "changed"
    assert member["displayName"] == "Ava Example"  # to_dict is a copy


@pytest.mark.parametrize(
    "change",
    [
        lambda m: m.attributes.__setitem__("plan", "free"),
        lambda m: m.attributes["nested"]["a"].append(3),
        lambda m: m.attributes.update({"plan": "free"}),
        lambda m: m.attributes.pop("plan"),
        lambda m: m["attributes"].__setitem__("plan", "free"),
        lambda m: m["attributes"]["nested"].clear(),
        lambda m: m.get("attributes").setdefault("x", 1),
        lambda m: dict(m.items())["attributes"].__delitem__("plan"),
        lambda m: next(iter(m["identities"])).__setitem__("type", "sms"),
        lambda m: m["identities"].append({"type": "sms"}),
        lambda m: m["identities"][0:1].append({}),
        lambda m: m.identities.append(m.identities[0]),
        lambda m: m.identities.sort(),
        lambda m: copy.copy(m).attributes.__setitem__("plan", "free"),
    ],
)
def test_results_are_read_only_all_the_way_down(ck: ChimeKit, change: Any) -> None:
    member = ck.audience.find_member("views")
    assert member is not None
    before = member.to_dict()
    with pytest.raises(TypeError, match="read-only"):
        change(member)
    assert member.to_dict() == before
    assert member == before
    assert member["attributes"] == before["attributes"] == member.attributes
    changeable = member.attributes.copy()  # a deep copy, plain dicts and lists
    changeable["nested"]["a"].append(3)
    assert member.attributes["nested"]["a"] == [1, 2]


def test_repr_is_short_and_results_pickle_deepcopy_and_compare(ck: ChimeKit) -> None:
    member = ck.audience.find_member("views")
    assert member is not None
    text = repr(member)
    assert text.startswith("Member(id='views', email='ava@example.com', display_name='Ava Example'")
    assert len(text) < 200
    assert "additional_properties" not in text
    for clone in (pickle.loads(pickle.dumps(member)), copy.deepcopy(member), copy.copy(member)):
        assert clone == member
        assert type(clone) is Member
        assert clone.created == member.created
    sent = ck.messages.send_message("views", content={"email": {"subject": "S", "body": "B"}})
    assert pickle.loads(pickle.dumps(sent)) == sent
    assert member != sent


def test_a_multi_key_result_shows_its_fields_and_is_json(ck: ChimeKit) -> None:
    sent = ck.messages.send_message("views", content={"in_app": {"title": "Hello there"}})
    text = repr(sent)
    assert text.startswith(f"SendMessageResponse(message=Message(id='{sent.message.id}', ")
    assert "notification=Notification(" in text
    assert "title='Hello there'" in text
    assert "audience_member=AudienceMemberRef(id='" in text
    page = ck.messages.list_messages_for_user("views")
    assert repr(page).startswith(f"MessageListResponse(messages=[{len(page.messages)} items], pagination=Pagination(")
    assert json.loads(sent.to_json()) == sent.to_dict() == sent
    assert sent.to_json(indent=2).startswith('{\n  "message": {')


def test_public_classes_say_chimekit_as_their_module() -> None:
    """Tracebacks and reprs print chimekit.NotFoundError, the name users import."""
    for name in ("ChimeKit", "AsyncChimeKit", "NotFoundError", "ValidationError", "APIResponse", "ChimeKitError"):
        assert getattr(chimekit, name).__module__ == "chimekit"
    error = chimekit.NotFoundError(
        "member not found", response=httpx.Response(404), body={}, method="GET", url="https://x/y"
    )
    assert type(error).__module__ + "." + type(error).__qualname__ == "chimekit.NotFoundError"
    assert type(pickle.loads(pickle.dumps(error))) is chimekit.NotFoundError


def test_fields_the_spec_does_not_know_are_kept() -> None:
    body: dict[str, Any] = {
        "run": {
            "id": "wr_1",
            "workflowVersionId": "wv_1",
            "workflowId": "w_1",
            "workflowKey": "k",
            "status": "teleported",
            "memberId": "mem_1",
            "memberExternalUserId": "u",
            "createdAt": "2025-01-01T00:00:00.000Z",
            "startedAt": None,
            "finishedAt": None,
            "context": {},
            "priority": 5,
        }
    }
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    with ChimeKit("sk_test", http_client=httpx.Client(transport=transport)) as ck:
        run = ck.workflow.get_run("wr_1")
    assert (run.status, run["priority"], run.to_dict()) == ("teleported", 5, body["run"])


def test_a_wrong_type_is_never_an_attribute() -> None:
    body = {"runId": 5, "status": "queued"}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    with (
        ChimeKit("sk_test", http_client=httpx.Client(transport=transport)) as ck,
        pytest.raises(chimekit.APIResponseValidationError) as err,
    ):
        ck.workflow.run("k", external_user_id="u")
    assert (err.value.path, err.value.problem) == ("runId", "expected string, got int")
    assert isinstance(err.value, ValueError)


def test_request_models_keep_their_constructors() -> None:
    request = IdentifyRequest(
        external_user_id="u",
        display_name="Ava",
        identities=[IdentityInput(type_=IdentityInputType.EMAIL, value="ava@example.com")],
        attributes={"plan": "pro"},
    )
    assert request.to_dict() == {
        "externalUserId": "u",
        "displayName": "Ava",
        "identities": [{"type": "email", "value": "ava@example.com"}],
        "attributes": {"plan": "pro"},
    }
    assert request.identities[0].type_ is IdentityInputType.EMAIL  # type: ignore[index]
    content = ChannelContent(in_app=InAppManualContent(title="Hi"))
    assert content == {"in_app": {"title": "Hi"}}
