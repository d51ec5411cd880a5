"""Input checks: bad input fails before any request, naming the field; every accepted form sends the same body."""

from __future__ import annotations

import datetime
from typing import Any

import chimekit
import pytest
from chimekit import ChimeKit
from chimekit_api.models import (
    ChannelContent,
    IdentifyRequest,
    IdentityInput,
    IdentityInputType,
    InAppManualContent,
    JsonObject,
    UpdateMemberRequest,
)

from .conftest import SECRET, Reply, Stub

MEMBER_REPLY = Reply(200, {"member": None})


@pytest.fixture
def ck(stub: Stub) -> Any:
    with ChimeKit(SECRET, base_url=stub.url) as client:
        yield client


def _nested(levels: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(levels):
        value = {"x": value}
    return value


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda ck: ck.identify("u", {"displayname": "x"}), "displayname"),
        (lambda ck: ck.identify("u", {"displayName": 5}), "displayName"),
        (lambda ck: ck.identify("u", identities=[{"type": 1, "value": "x"}]), "identities[0].type"),
        (lambda ck: ck.identify("u", identities=[{"type": "email"}]), "identities[0].value"),
        (lambda ck: ck.identify("u", identities={"type": "email"}), "identities"),
        (lambda ck: ck.identify("u", attributes={"when": datetime.datetime.now()}), "attributes.when"),
        (lambda ck: ck.identify("u", attributes={"score": float("nan")}), "attributes.score"),
        (lambda ck: ck.identify("u", {"displayName": "a"}, display_name="b"), "displayName"),
        (lambda ck: ck.identify("u", ["displayName"]), "data"),
        (lambda ck: ck.identify("u\ud800"), "externalUserId"),
        (lambda ck: ck.identify("u", {"displayName": "Ava \udc00"}), "displayName"),
        (lambda ck: ck.identify("u", attributes=_nested(1000)), "attributes" + ".x" * 99),
        (lambda ck: ck.identify(5), "externalUserId"),
        (lambda ck: ck.audience.update_member("u", {"externalUserId": "v"}), "externalUserId"),
        (lambda ck: ck.audience.suppress("u"), "identity"),
        (lambda ck: ck.audience.suppress("u", identity={"type": "email", "value": "a", "x": 1}), "identity.x"),
        (
            lambda ck: ck.messages.send_message("u", content={"templateId": "t", "in_app": {"title": "x"}}),
            "content.in_app",
        ),
        (lambda ck: ck.messages.send_message("u", {}), "content"),
        (lambda ck: ck.messages.send_message("u", content={"in_app": {"title": 1}}), "content.in_app.title"),
        (lambda ck: ck.messages.send_message("u", content={"email": {"subject": "s"}}), "content.email.body"),
        # in a union, the error comes from the variant the input most resembles
        (lambda ck: ck.messages.send_message("u", content={"in_app": {}}), "content.in_app.title"),
        (lambda ck: ck.messages.send_message("u", content={"in_app": {"title": "x", "foo": 1}}), "content.in_app.foo"),
        (lambda ck: ck.messages.send_message("u", content={"templateId": "t", "varz": {}}), "content.varz"),
        (
            lambda ck: ck.messages.send_message("u", {"externalUserId": "v", **{"content": {"templateId": "t"}}}),
            "externalUserId",
        ),
        (lambda ck: ck.messages.list_messages_for_user("u", limit=True), "limit"),
        (lambda ck: ck.messages.list_messages_for_user("u", {"limit": "20"}), "limit"),
        (lambda ck: ck.messages.list_messages_for_user("u", {"page": 2}), "page"),
        (lambda ck: ck.messages.iter_messages_for_user("u", page_size="500"), "page_size"),
        (lambda ck: ck.workflow.run("welcome", {}), "externalUserId"),
        (lambda ck: ck.workflow.run("welcome", {"externalUserId": "u", "context": []}), "context"),
        (lambda ck: ck.workflow.run("..", external_user_id="u"), "key"),
        (lambda ck: ck.audience.find_member("u", extra_headers=[("X", "1")]), "extra_headers"),
    ],
)
def test_bad_input_is_refused_before_any_request_naming_the_field(ck: Any, stub: Stub, call: Any, field: str) -> None:
    with pytest.raises(chimekit.ValidationError) as err:
        call(ck)
    assert err.value.field == field
    assert str(err.value).startswith(f"{field}: ") if field else True
    assert isinstance(err.value, ValueError)
    assert stub.seen == []


def test_dict_keywords_and_generated_models_send_the_same_body(ck: Any, stub: Stub) -> None:
    stub.reply(Reply(200, {"member": None}))  # (wrong for identify, but each call's body is what is checked)
    wire = {
        "displayName": "Ava",
        "identities": [{"type": "email", "value": "ava@example.com", "verified": True}],
        "attributes": {"plan": "pro"},
    }
    attributes: JsonObject = {"plan": "pro"}
    identity = IdentityInput(type_=IdentityInputType.EMAIL, value="ava@example.com", verified=True)
    for data, keywords in [
        (wire, {}),
        (None, {"display_name": "Ava", "identities": wire["identities"], "attributes": {"plan": "pro"}}),
        (UpdateMemberRequest(display_name="Ava", identities=[identity], attributes=attributes), {}),
        (None, {"display_name": "Ava", "identities": [identity], "attributes": attributes}),
    ]:
        ck.audience.update_member("user_123", data, **keywords)
    assert all(seen.body == wire for seen in stub.seen), [seen.body for seen in stub.seen]
    assert len(stub.seen) == 4


def test_identify_accepts_an_identify_request_with_the_same_id(ck: Any, stub: Stub) -> None:
    stub.reply(Reply(200, {"member": None}))
    with pytest.raises(chimekit.APIResponseValidationError):  # identify's member is never null
        ck.identify("user_123", IdentifyRequest(external_user_id="user_123", display_name="Ava"))
    assert stub.seen[0].body == {"externalUserId": "user_123", "displayName": "Ava"}
    with pytest.raises(chimekit.ValidationError, match="externalUserId"):
        ck.identify("user_123", IdentifyRequest(external_user_id="other"))


def test_values_only_the_server_knows_are_sent_as_given(ck: Any, stub: Stub) -> None:
    """The client does not refuse values outside today's enums, lengths or ranges: the server may accept them."""
    stub.reply(Reply(400, {"error": "identities[0].type: must be one of: email"}))
    with pytest.raises(chimekit.BadRequestError, match=r"identities\[0\]\.type"):
        ck.identify("u", identities=[{"type": "sms", "value": "+15550100"}])
    with pytest.raises(chimekit.BadRequestError):
        ck.messages.list_messages_for_user("u", limit=500, offset=-1)
    with pytest.raises(chimekit.BadRequestError):
        ck.messages.send_message("u", content={})
    assert [seen.body for seen in stub.seen[:1]] == [
        {"externalUserId": "u", "identities": [{"type": "sms", "value": "+15550100"}]}
    ]
    assert stub.seen[1].raw_path.endswith("/messages?limit=500&offset=-1")
    assert stub.seen[2].body == {"externalUserId": "u", "content": {}}


def test_send_message_content_models_and_list_query(ck: Any, stub: Stub) -> None:
    stub.reply(Reply(400, {"error": "stop here"}))
    content = ChannelContent(in_app=InAppManualContent(title="Hi"))
    with pytest.raises(chimekit.BadRequestError):
        ck.messages.send_message("user_123", content=content, category_id="cat_product")
    assert stub.seen[0].body == {
        "externalUserId": "user_123",
        "content": {"in_app": {"title": "Hi"}},
        "categoryId": "cat_product",
    }
    with pytest.raises(chimekit.BadRequestError):
        ck.messages.list_messages_for_user("user_123", {"limit": 5}, offset=10)
    assert stub.seen[1].raw_path == "/sdk/v1/messages/members/user_123/messages?limit=5&offset=10"


@pytest.mark.parametrize(
    ("keyword", "given"),
    [
        (
            lambda ck: ck.audience.update_member("u", display_name=None),
            lambda ck: ck.audience.update_member("u", {"displayName": None}),
        ),
        (lambda ck: ck.identify("u", attributes=None), lambda ck: ck.identify("u", {"attributes": None})),
        (
            lambda ck: ck.audience.suppress("u", identity={"type": "email", "value": "a@b.c"}, category_id=None),
            lambda ck: ck.audience.suppress("u", {"identity": {"type": "email", "value": "a@b.c"}, "categoryId": None}),
        ),
        (
            lambda ck: ck.messages.list_messages_for_user("u", limit=None),
            lambda ck: ck.messages.list_messages_for_user("u", {"limit": None}),
        ),
    ],
)
def test_none_is_a_value_refused_where_the_api_allows_no_null_in_both_forms(
    ck: Any, stub: Stub, keyword: Any, given: Any
) -> None:
    """None is JSON null, in a keyword as in a dict: refused for a field the spec does not let be null (it
    used to be dropped from keywords silently, so `display_name=None` sent `{}`). Leave a field out to keep it."""
    errors = []
    for call in (keyword, given):
        with pytest.raises(chimekit.ValidationError) as err:
            call(ck)
        errors.append(str(err.value))
    assert errors[0] == errors[1]
    assert "got null" in errors[0]
    assert stub.seen == []
