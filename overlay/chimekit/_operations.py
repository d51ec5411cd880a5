"""What each API call sends and what it returns, shared by ChimeKit and AsyncChimeKit.

One function per operation: it checks the input (raising ValidationError before anything is sent) and
returns a Request, which a client executes (``_client.py``). ``Request.parse`` turns the decoded JSON
answer into the method's return value, built with the generated ``chimekit_api`` models: single-key
envelopes (``{"member": ...}``) are unwrapped, multi-key bodies are returned whole.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._constants import MAX_OFFSET
from ._exceptions import ValidationError
from ._validation import check_int, merge, model_class, path_segment, to_wire

if TYPE_CHECKING:
    from chimekit_api.models import (
        AddSuppressionRequest,
        ChannelContent,
        IdentifyRequest,
        IdentityInput,
        JsonObject,
        Member,
        MessageDetail,
        MessageListResponse,
        RunWorkflowRequest,
        RunWorkflowResponse,
        SendMessageRequest,
        SendMessageResponse,
        Suppression,
        SuppressionIdentityInput,
        TemplateContent,
        UpdateMemberRequest,
        WorkflowRun,
    )

T = TypeVar("T")
JsonDict = Mapping[str, Any]


class Request(Generic[T]):
    """One API call, described: sent by a client, answered through ``parse`` (None: no body expected)."""

    __slots__ = ("json", "method", "params", "parse", "path")

    def __init__(
        self,
        method: str,
        path: str,
        parse: Callable[[Any], T] | None,
        *,
        params: dict[str, int] | None = None,
        json: dict[str, Any] | None = None,
    ) -> None:
        self.method = method
        self.path = path
        self.parse = parse
        self.params = params
        self.json = json

    def __repr__(self) -> str:
        return f"<Request {self.method} {self.path}>"


def _member_path(external_user_id: str) -> str:
    return "/sdk/v1/audience/members/" + path_segment("externalUserId", external_user_id)


def _body(model: str, data: object, keywords: dict[str, Any], **ids: str) -> dict[str, Any]:
    """The JSON body of ``model`` from ``data`` plus keywords, with ``ids`` (wire name → value) filled in."""
    body = merge(data, keywords, model_class(model)._wire_names)
    for wire, value in ids.items():
        path_segment(wire, value)
        if body.setdefault(wire, value) != value:
            raise ValidationError(wire, f"{body[wire]!r} differs from the {value!r} given as argument")
    wire_body: dict[str, Any] = to_wire(body, ("model", model), "")
    return wire_body


# --- audience ---------------------------------------------------------------------------------


def identify(
    external_user_id: str,
    data: JsonDict | UpdateMemberRequest | IdentifyRequest | None = None,
    *,
    display_name: str | None = None,
    attributes: JsonDict | JsonObject | None = None,
    identities: Sequence[JsonDict | IdentityInput] | None = None,
) -> Request[Member]:
    """Create or update (upsert) the member ``external_user_id``; returns the member as stored.

    ``data`` holds wire-named fields (``{"displayName": ..., "identities": [...], "attributes": {...}}``);
    the keyword arguments are the same fields. Fields left out keep their stored value.
    """
    keywords = {"display_name": display_name, "attributes": attributes, "identities": identities}
    body = _body("IdentifyRequest", data, keywords, externalUserId=external_user_id)
    return Request("POST", "/sdk/v1/audience/identify", _member, json=body)


def find_member(external_user_id: str) -> Request[Member | None]:
    """The member, or ``None`` if no active member has this id."""
    return Request("GET", _member_path(external_user_id), _member_or_none)


def update_member(
    external_user_id: str,
    data: JsonDict | UpdateMemberRequest | None = None,
    *,
    display_name: str | None = None,
    attributes: JsonDict | JsonObject | None = None,
    identities: Sequence[JsonDict | IdentityInput] | None = None,
) -> Request[Member | None]:
    """Replace the given fields of a member (``attributes``, ``identities``: whole); ``None`` if it does not exist."""
    keywords = {"display_name": display_name, "attributes": attributes, "identities": identities}
    body = _body("UpdateMemberRequest", data, keywords)
    return Request("PUT", _member_path(external_user_id), _member_or_none, json=body)


def delete_member(external_user_id: str) -> Request[str | None]:
    """Soft-delete a member; returns its id, or ``None`` if there was no active member."""
    return Request("DELETE", _member_path(external_user_id), _deleted_id)


def list_suppressions(external_user_id: str) -> Request[list[Suppression]]:
    """The member's suppressions, oldest first (NotFoundError for an unknown member)."""
    return Request("GET", _member_path(external_user_id) + "/suppressions", _suppressions)


def suppress(
    external_user_id: str,
    data: JsonDict | AddSuppressionRequest | None = None,
    *,
    identity: JsonDict | SuppressionIdentityInput | None = None,
    category_id: str | None = None,
) -> Request[Suppression]:
    """Suppress delivery to one identity (``{"type": "email", "value": ...}``), for ``category_id`` or globally."""
    body = _body("AddSuppressionRequest", data, {"identity": identity, "category_id": category_id})
    return Request("POST", _member_path(external_user_id) + "/suppressions", _suppression, json=body)


def remove_suppression(external_user_id: str, suppression_id: str) -> Request[None]:
    """Remove a suppression (NotFoundError if the member has no suppression with that id)."""
    path = f"{_member_path(external_user_id)}/suppressions/{path_segment('suppressionId', suppression_id)}"
    return Request("DELETE", path, None)


# --- messages ---------------------------------------------------------------------------------


def send_message(
    external_user_id: str,
    data: JsonDict | SendMessageRequest | None = None,
    *,
    content: JsonDict | TemplateContent | ChannelContent | None = None,
    category_id: str | None = None,
) -> Request[SendMessageResponse]:
    """Send a message: ``content`` is a template (``templateId``) or channels (``in_app`` and/or ``email``).

    Returns the whole answer: ``message``, ``delivery``, ``notification`` and ``audienceMember``.
    """
    body = merge(data, {"content": content}, {"content": "content"})
    _check_content(body.get("content"))
    body = _body("SendMessageRequest", body, {"category_id": category_id}, externalUserId=external_user_id)
    return Request("POST", "/sdk/v1/messages/send", _sent, json=body)


def _check_content(content: object) -> None:
    if hasattr(content, "to_dict") and hasattr(content, "_schema"):
        content = content.to_dict()
    if isinstance(content, Mapping):
        template, channels = "templateId" in content, "in_app" in content or "email" in content
        if template and channels:
            raise ValidationError("content", "give a templateId or channels (in_app, email), not both")
        if not template and not channels:
            raise ValidationError("content", "needs a templateId or a channel (in_app, email)")


def get_message(message_id: str) -> Request[MessageDetail]:
    """A message with its delivery, notification and recipient (NotFoundError if unknown)."""
    return Request("GET", "/sdk/v1/messages/" + path_segment("messageId", message_id), _message_detail)


def list_messages_for_user(
    external_user_id: str,
    params: Mapping[str, int] | None = None,
    *,
    limit: int | None = None,
    offset: int | None = None,
) -> Request[MessageListResponse]:
    """One page of the member's messages, newest first: ``result["messages"]`` and ``result["pagination"]``.

    ``limit`` is 1–100 (server default 20), ``offset`` 0–2147483647 (default 0).
    """
    query = merge(params, {"limit": limit, "offset": offset}, {"limit": "limit", "offset": "offset"})
    for key in query:
        if key not in ("limit", "offset"):
            raise ValidationError(str(key), "unknown query parameter (limit, offset)")
    if "limit" in query:
        check_int("limit", query["limit"], 1, 100)
    if "offset" in query:
        check_int("offset", query["offset"], 0, MAX_OFFSET)
    path = f"/sdk/v1/messages/members/{path_segment('externalUserId', external_user_id)}/messages"
    return Request("GET", path, _message_list, params=query)


# --- workflows --------------------------------------------------------------------------------


def run_workflow(
    key: str,
    data: JsonDict | RunWorkflowRequest | None = None,
    *,
    external_user_id: str | None = None,
    context: JsonDict | JsonObject | None = None,
) -> Request[RunWorkflowResponse]:
    """Queue a run of workflow ``key`` for a member; returns the whole answer (``runId``, ``status``)."""
    keywords = {"external_user_id": external_user_id, "context": context}
    body = _body("RunWorkflowRequest", data, keywords)
    path_segment("externalUserId", body["externalUserId"])
    return Request("POST", f"/sdk/v1/workflows/{path_segment('key', key)}/run", _run_queued, json=body)


def get_run(run_id: str) -> Request[WorkflowRun]:
    """A workflow run (NotFoundError if unknown)."""
    return Request("GET", "/sdk/v1/workflows/runs/" + path_segment("runId", run_id), _run)


# --- answers: decoded JSON → return value (KeyError/TypeError/ValueError here mean a broken contract) ---


def _member(body: Any) -> Member:
    from chimekit_api.models import IdentifyResponse

    return IdentifyResponse.from_dict(body).member


def _member_or_none(body: Any) -> Member | None:
    from chimekit_api.models import MemberResponse

    return MemberResponse.from_dict(body).member


def _deleted_id(body: Any) -> str | None:
    from chimekit_api.models import DeleteMemberResponse

    return DeleteMemberResponse.from_dict(body).id


def _suppressions(body: Any) -> list[Suppression]:
    from chimekit_api.models import SuppressionListResponse

    return SuppressionListResponse.from_dict(body).suppressions


def _suppression(body: Any) -> Suppression:
    from chimekit_api.models import SuppressionResponse

    return SuppressionResponse.from_dict(body).suppression


def _sent(body: Any) -> SendMessageResponse:
    from chimekit_api.models import SendMessageResponse

    return SendMessageResponse.from_dict(body)


def _message_detail(body: Any) -> MessageDetail:
    from chimekit_api.models import GetMessageResponse

    return GetMessageResponse.from_dict(body).message


def _message_list(body: Any) -> MessageListResponse:
    from chimekit_api.models import MessageListResponse

    return MessageListResponse.from_dict(body)


def _run_queued(body: Any) -> RunWorkflowResponse:
    from chimekit_api.models import RunWorkflowResponse

    return RunWorkflowResponse.from_dict(body)


def _run(body: Any) -> WorkflowRun:
    from chimekit_api.models import WorkflowRunResponse

    return WorkflowRunResponse.from_dict(body).run
