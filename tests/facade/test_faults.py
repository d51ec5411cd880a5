"""The fault matrix, against a loopback stub server, through ChimeKit and AsyncChimeKit alike (``call``)."""

from __future__ import annotations

import email.utils
import time
from typing import Any

import chimekit
import pytest
from chimekit import ChimeKit

from .conftest import SECRET, Call, Reply, Stub

MEMBER = {
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
SENT: dict[str, Any] = {
    "message": {
        "id": "msg_1",
        "memberId": "mem_1",
        "categoryId": "cat_1",
        "source": "sdk",
        "templateId": None,
        "templateVersionId": None,
        "payload": {},
        "dispatchStatus": "dispatched",
        "scheduledFor": None,
        "createdAt": "2025-01-01T00:00:00.000Z",
    },
    "delivery": None,
    "notification": None,
    "audienceMember": {"id": "mem_1"},
}
RUN: dict[str, Any] = {
    "id": "wr_1",
    "workflowVersionId": "wv_1",
    "workflowId": "w_1",
    "workflowKey": "welcome-sequence",
    "status": "queued",
    "memberId": "mem_1",
    "memberExternalUserId": "user_123",
    "createdAt": "2025-01-01T00:00:00.000Z",
    "startedAt": None,
    "finishedAt": None,
    "context": {},
}
CONTENT: Any = {"content": {"in_app": {"title": "Welcome!"}}}


# --- retries ----------------------------------------------------------------------------------


def test_503s_then_success_is_retried_with_growing_jittered_backoff(
    call: Call, stub: Stub, sleeps: list[float]
) -> None:
    stub.reply(Reply(503, {"error": "busy"}), Reply(503, {"error": "busy"}), Reply(200, {"member": MEMBER}))
    member = call("audience.find_member", "user_123")
    assert member["displayName"] == "Ava Example"
    assert len(stub.seen) == 3
    assert 0.375 <= sleeps[0] <= 0.5
    assert 0.75 <= sleeps[1] <= 1.0


def test_max_retries_0_makes_exactly_one_attempt(call: Call, stub: Stub, sleeps: list[float]) -> None:
    stub.reply(Reply(503, {"error": "busy"}))
    with pytest.raises(chimekit.InternalServerError) as err:
        call("audience.find_member", "user_123", client={"max_retries": 0})
    assert (err.value.status_code, err.value.message, len(stub.seen), sleeps) == (503, "busy", 1, [])


def test_retries_give_up_after_max_retries(call: Call, stub: Stub, sleeps: list[float]) -> None:
    stub.reply(Reply(502, {"error": "bad gateway"}))
    with pytest.raises(chimekit.InternalServerError):
        call("workflow.get_run", "wr_1")
    assert len(stub.seen) == 3
    assert len(sleeps) == 2


def test_with_options_copies_the_client_with_other_settings(stub: Stub, sleeps: list[float]) -> None:
    stub.reply(Reply(503, {"error": "busy"}))
    with ChimeKit(SECRET, base_url=stub.url) as ck:
        once = ck.with_options(max_retries=0, timeout=3.0)
        with pytest.raises(chimekit.InternalServerError):
            once.audience.find_member("user_123")
        assert len(stub.seen) == 1
        assert (ck.max_retries, once.timeout, ck.timeout) == (2, 3.0, chimekit.DEFAULT_TIMEOUT)


@pytest.mark.parametrize("status", [408, 429, 502, 503, 504])
def test_get_put_delete_are_retried_on_retryable_statuses(call: Call, stub: Stub, status: int) -> None:
    stub.reply(Reply(status, {"error": "x"}), Reply(200, {"id": "user_123"}))
    assert call("audience.delete_member", "user_123") == "user_123"
    assert [s.method for s in stub.seen] == ["DELETE", "DELETE"]


@pytest.mark.parametrize("status", [500, 502, 504, 408])
def test_a_post_is_never_resent_after_an_answer_that_may_hide_a_sent_message(
    call: Call, stub: Stub, status: int
) -> None:
    stub.reply(Reply(status, {"error": "x"}), Reply(200, SENT))
    with pytest.raises(chimekit.APIStatusError) as err:
        call("messages.send_message", "user_123", CONTENT)
    assert err.value.status_code == status
    assert len(stub.seen) == 1


def test_a_post_is_retried_after_429_honouring_retry_after_seconds(call: Call, stub: Stub, sleeps: list[float]) -> None:
    stub.reply(Reply(429, {"error": "Too many requests"}, {"Retry-After": "2"}), Reply(200, SENT))
    result = call("messages.send_message", "user_123", CONTENT)
    assert result["message"]["id"] == "msg_1"
    assert [s.method for s in stub.seen] == ["POST", "POST"]
    assert stub.seen[0].body == stub.seen[1].body
    assert sleeps == [2.0]


def test_retry_after_as_an_http_date(call: Call, stub: Stub, sleeps: list[float]) -> None:
    when = email.utils.formatdate(time.time() + 3, usegmt=True)
    stub.reply(Reply(503, {"error": "busy"}, {"Retry-After": when}), Reply(200, {"runId": "wr_1", "status": "queued"}))
    call("workflow.run", "welcome-sequence", {"externalUserId": "user_123"})
    assert len(stub.seen) == 2
    assert 1.0 <= sleeps[0] <= 3.0


@pytest.mark.parametrize(
    "value",
    ["0", "-1", "1_0", "1e1", "NaN", "inf", "10.5", " ", "Wed, 21 Oct 2015 07:28:00 GMT", "soon"],
)
def test_a_retry_after_rfc_9110_does_not_allow_uses_the_normal_backoff(
    value: str, call: Call, stub: Stub, sleeps: list[float]
) -> None:
    """Digits or an HTTP-date only; zero, negative, past or malformed: the usual backoff (0.375-0.5 s first)."""
    stub.reply(Reply(503, {"error": "busy"}, {"Retry-After": value}), Reply(200, {"member": None}))
    assert call("audience.find_member", "user_123") is None
    assert len(stub.seen) == 2
    assert len(sleeps) == 1
    assert 0.375 <= sleeps[0] <= 0.5


def test_a_retry_after_beyond_the_cap_is_not_waited_out(call: Call, stub: Stub, sleeps: list[float]) -> None:
    stub.reply(Reply(429, {"error": "Too many requests"}, {"Retry-After": "3600"}))
    with pytest.raises(chimekit.RateLimitError):
        call("audience.find_member", "user_123")
    assert (len(stub.seen), sleeps) == (1, [])


def test_a_post_after_an_idle_pause_never_meets_a_connection_the_server_is_closing(stub: Stub) -> None:
    """Servers close idle connections (gunicorn after 2 s, uvicorn and Node.js after 5 s); a request sent as that
    happens is lost, and a POST then may or may not have been acted on. The client drops idle connections
    first (chimekit.KEEPALIVE_EXPIRY), so it opens a new one instead."""
    stub.idle_close = 2.0  # the server's keep-alive
    stub.reply(Reply(200, {"member": None}), Reply(200, SENT))
    with ChimeKit(SECRET, base_url=stub.url, max_retries=0) as ck:
        ck.audience.find_member("user_123")
        time.sleep(2.0)
        assert ck.messages.send_message("user_123", CONTENT)["message"]["id"] == "msg_1"
    assert [seen.method for seen in stub.seen] == ["GET", "POST"]
    assert stub.seen[0].port != stub.seen[1].port  # a new connection


def test_a_connection_reset_is_retried_for_a_get(call: Call, stub: Stub) -> None:
    stub.reply(Reply(fault="reset"), Reply(200, {"suppressions": []}))
    assert call("audience.list_suppressions", "user_123") == []
    assert len(stub.seen) == 2


def test_a_connection_reset_after_sending_a_post_is_not_retried(call: Call, stub: Stub) -> None:
    stub.reply(Reply(fault="reset"), Reply(200, SENT))
    with pytest.raises(chimekit.APIConnectionError) as err:
        call("messages.send_message", "user_123", CONTENT)
    assert not isinstance(err.value, chimekit.APITimeoutError)
    assert len(stub.seen) == 1


def test_a_post_that_could_not_connect_is_retried(call: Call, sleeps: list[float]) -> None:
    with pytest.raises(chimekit.APIConnectionError) as err:
        call("messages.send_message", "user_123", CONTENT, client={"base_url": "http://127.0.0.1:9"})
    assert len(sleeps) == 2  # refused before anything was sent: safe to try again
    assert err.value.method == "POST"
    assert err.value.url == "http://127.0.0.1:9/sdk/v1/messages/send"


def test_a_stalled_server_times_out_and_a_get_is_retried(call: Call, stub: Stub) -> None:
    stub.reply(Reply(200, {"member": MEMBER}, fault="stall"))
    with pytest.raises(chimekit.APITimeoutError):
        call("audience.find_member", "user_123", client={"timeout": 0.1, "max_retries": 1})
    assert len(stub.seen) == 2


def test_a_post_is_not_resent_after_a_read_timeout(call: Call, stub: Stub) -> None:
    stub.reply(Reply(200, SENT, fault="stall"))
    with pytest.raises(chimekit.APITimeoutError):
        call("messages.send_message", "user_123", CONTENT, client={"timeout": 0.1})
    assert len(stub.seen) == 1


# --- answers that break the contract ------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "path", "problem"),
    [
        (Reply(200, raw="<html>oops</html>"), "", "not JSON"),
        (Reply(200, [["member", None]]), "", "expected a JSON object, got list"),
        (Reply(200, {}), "member", "is missing"),
        (Reply(200, {"member": "user_123"}), "member", "expected object or null, got str"),
        (Reply(200, {"member": {"id": "user_123"}}), "member.email", "is missing"),  # inside the nullable union
        (Reply(200, {"member": {**MEMBER, "id": 123}}), "member.id", "expected string, got int"),
        (
            Reply(200, {"member": {**MEMBER, "deleted": 5}}),
            "member.deleted",
            "expected date-time string or null, got int",
        ),
    ],
)
def test_an_answer_that_breaks_the_contract_at_its_top_level_fails_the_call(
    call: Call, stub: Stub, reply: Reply, path: str, problem: str
) -> None:
    stub.reply(reply)
    with pytest.raises(chimekit.APIResponseValidationError) as err:
        call("audience.find_member", "user_123")
    assert (err.value.path, err.value.problem, err.value.status_code) == (path, problem, 200)
    assert str(err.value).startswith(f"unexpected response body: {path + ': ' if path else ''}{problem} (200, GET ")


def test_a_nested_field_that_breaks_the_contract_fails_when_it_is_read(call: Call, stub: Stub) -> None:
    stub.reply(Reply(200, {**SENT, "notification": {"id": "not_1", "title": "Hi"}}))
    result = call("messages.send_message", "user_123", CONTENT)
    assert result.notification["title"] == "Hi"  # the JSON as received is always readable
    with pytest.raises(chimekit.APIResponseValidationError) as err:
        _ = result.notification.snippet
    assert (err.value.path, err.value.problem) == ("notification.snippet", "is missing")
    assert err.value.url.endswith("/sdk/v1/messages/send")
    stub.reply(Reply(200, {"member": {**MEMBER, "deleted": "yesterday"}}))
    member = call("audience.find_member", "user_123")
    assert member["deleted"] == "yesterday"
    with pytest.raises(chimekit.APIResponseValidationError, match=r"member\.deleted: expected a date-time string"):
        _ = member.deleted


def test_a_wrong_total_count_is_a_response_error_not_a_type_error(call: Call, stub: Stub) -> None:
    page = {"messages": [], "pagination": {"totalCount": "5", "limit": 20, "offset": 0}}
    stub.reply(Reply(200, page))
    with pytest.raises(chimekit.APIResponseValidationError, match=r"pagination\.totalCount: expected integer, got str"):
        _ = call("messages.list_messages_for_user", "user_123").pagination.total_count


def test_unknown_values_and_extra_fields_are_kept_and_readable(call: Call, stub: Stub) -> None:
    stub.reply(Reply(200, {"run": {**RUN, "status": "teleported", "priority": 5}, "meta": 1}))
    run = call("workflow.get_run", "wr_1")
    assert (run.status, run["status"], run["priority"], run["workflowKey"]) == (
        "teleported",
        "teleported",
        5,
        RUN["workflowKey"],
    )
    assert "priority" in run
    assert "nope" not in run
    with pytest.raises(KeyError):
        run["nope"]


def test_an_html_500_is_an_internal_server_error_with_the_text(call: Call, stub: Stub) -> None:
    stub.reply(Reply(500, raw="<html>Internal</html>"))
    with pytest.raises(chimekit.InternalServerError) as err:
        call("audience.find_member", "user_123", client={"max_retries": 0})
    assert err.value.body == "<html>Internal</html>"
    assert err.value.status_code == 500


def test_an_error_answer_carries_message_body_method_url_and_request_id(call: Call, stub: Stub) -> None:
    body = {"error": "displayName: must be a string"}
    stub.reply(Reply(400, body, {"X-Request-Id": "req_42"}))
    with pytest.raises(chimekit.BadRequestError) as err:
        call("audience.update_member", "user_123", {"displayName": "x"})
    e = err.value
    assert (e.status_code, e.message, e.body, e.method, e.request_id) == (400, body["error"], body, "PUT", "req_42")
    assert e.url == f"{stub.url}/sdk/v1/audience/members/user_123"
    assert "req_42" in str(e)
    assert "displayName: must be a string" in str(e)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (401, chimekit.AuthenticationError),
        (403, chimekit.PermissionDeniedError),
        (404, chimekit.NotFoundError),
        (409, chimekit.ConflictError),
        (422, chimekit.UnprocessableEntityError),
        (418, chimekit.APIStatusError),
    ],
)
def test_statuses_map_to_exception_classes(call: Call, stub: Stub, status: int, cls: type[Exception]) -> None:
    stub.reply(Reply(status, {"error": "nope"}))
    with pytest.raises(cls) as err:
        call("messages.get_message", "msg_1")
    assert type(err.value) is cls


def test_remove_suppression_returns_none_on_204(call: Call, stub: Stub) -> None:
    stub.reply(Reply(204))
    assert call("audience.remove_suppression", "user_123", "sup_1") is None
    assert stub.seen[0].method == "DELETE"
    assert stub.seen[0].raw_path == "/sdk/v1/audience/members/user_123/suppressions/sup_1"


# --- ids in paths ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("external_user_id", "segment"),
    [
        ("a/b", "a%2Fb"),
        ("%2F", "%252F"),
        ("x?y#z", "x%3Fy%23z"),
        ("a\r\nX-Injected: 1", "a%0D%0AX-Injected%3A%201"),
        ("...", "..."),
        ("ava@example.com", "ava%40example.com"),
    ],
)
def test_ids_are_sent_as_exactly_one_path_segment(call: Call, stub: Stub, external_user_id: str, segment: str) -> None:
    stub.reply(Reply(200, {"member": None}))
    assert call("audience.find_member", external_user_id) is None
    assert stub.seen[0].raw_path == f"/sdk/v1/audience/members/{segment}"
    assert "X-Injected" not in stub.seen[0].headers


@pytest.mark.parametrize("bad", ["", ".", ".."])
@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("audience.find_member", ()),
        ("audience.delete_member", ()),
        ("audience.remove_suppression", ("sup_1",)),
        ("messages.get_message", ()),
        ("workflow.get_run", ()),
        ("workflow.run", ({"externalUserId": "user_123"},)),
    ],
)
def test_ids_that_would_address_another_endpoint_are_refused(
    call: Call, stub: Stub, bad: str, method: str, args: tuple[Any, ...]
) -> None:
    with pytest.raises(chimekit.ValidationError):
        call(method, bad, *args)
    assert stub.seen == []
