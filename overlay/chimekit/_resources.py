"""The API's methods as the docs name them: ``ck.audience``, ``ck.messages``, ``ck.workflow``.

Each method is declared once, here: its name and namespace, its arguments (path parameters positional,
then the body or query as one dict, then keywords) and its docstring, bound to the spec's operation by
its operationId; ``unwrap`` names the answer's key the method returns (``{"member": ...}`` → the member).
Everything else (path, HTTP method, parameters, models, checks) comes from the generated operation
(``chimekit_api.api``). ``_binding.py`` turns each declaration into the sync, async and raw-response
methods of the classes at the end of this module. An operation in the spec without a method here fails
``tests/facade/test_bindings.py``.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any, Unpack

from ._binding import API, AsyncAPI, AsyncRawAPI, Binding, SyncAPI, SyncRawAPI, binding

if TYPE_CHECKING:
    from chimekit_api.api import ListMemberMessagesQuery
    from chimekit_api.models import (
        AddSuppressionRequest,
        AddSuppressionRequestDict,
        AddSuppressionRequestFields,
        IdentifyRequest,
        IdentifyRequestDict,
        IdentifyRequestFields,
        Member,
        MessageDetail,
        MessageListItem,
        MessageListResponse,
        RunWorkflowRequest,
        RunWorkflowRequestDict,
        RunWorkflowRequestFields,
        RunWorkflowResponse,
        SendMessageRequest,
        SendMessageRequestDict,
        SendMessageRequestFields,
        SendMessageResponse,
        Suppression,
        UpdateMemberRequest,
        UpdateMemberRequestDict,
        UpdateMemberRequestFields,
        WorkflowRun,
    )

    from ._client import AsyncChimeKit, ChimeKit
    from ._types import RequestOptions

    # A method's keyword arguments: its body's fields (or query parameters) and the per-call options.
    class _IdentifyArgs(IdentifyRequestFields, RequestOptions, total=False): ...

    class _UpdateMemberArgs(UpdateMemberRequestFields, RequestOptions, total=False): ...

    class _SuppressArgs(AddSuppressionRequestFields, RequestOptions, total=False): ...

    class _SendMessageArgs(SendMessageRequestFields, RequestOptions, total=False): ...

    class _ListMessagesArgs(ListMemberMessagesQuery, RequestOptions, total=False): ...

    class _RunArgs(RunWorkflowRequestFields, RequestOptions, total=False): ...


class _Audience(API):
    @binding("identify", unwrap="member")
    def identify(
        self,
        external_user_id: str,
        data: IdentifyRequestDict | IdentifyRequest | None = None,
        /,
        **kwargs: Unpack[_IdentifyArgs],
    ) -> Member:
        """Create or update (upsert) the member ``external_user_id``; returns the member as stored.

        ``data`` holds the API's fields (``{"displayName": ..., "identities": [...], "attributes": {...}}``);
        the keyword arguments are the same fields (``display_name=...``). Fields left out keep their stored
        value; a deleted member is revived.
        """

    @binding("findMember", unwrap="member")
    def find_member(self, external_user_id: str, /, **kwargs: Unpack[RequestOptions]) -> Member | None:
        """The member, or ``None`` if no active member has this id."""

    @binding("updateMember", unwrap="member")
    def update_member(
        self,
        external_user_id: str,
        data: UpdateMemberRequestDict | UpdateMemberRequest | None = None,
        /,
        **kwargs: Unpack[_UpdateMemberArgs],
    ) -> Member | None:
        """Replace the given fields of a member (``attributes``, ``identities``: whole); None if it does not exist."""

    @binding("deleteMember", unwrap="id")
    def delete_member(self, external_user_id: str, /, **kwargs: Unpack[RequestOptions]) -> str | None:
        """Soft-delete a member; returns its id, or ``None`` if there was no active member."""

    @binding("listSuppressions", unwrap="suppressions")
    def list_suppressions(self, external_user_id: str, /, **kwargs: Unpack[RequestOptions]) -> list[Suppression]:
        """The member's suppressions, oldest first (NotFoundError for an unknown member)."""

    @binding("addSuppression", unwrap="suppression")
    def suppress(
        self,
        external_user_id: str,
        data: AddSuppressionRequestDict | AddSuppressionRequest | None = None,
        /,
        **kwargs: Unpack[_SuppressArgs],
    ) -> Suppression:
        """Suppress delivery to one identity (``identity={"type": "email", "value": ...}``), for ``category_id`` or
        globally; suppressing it again returns the existing suppression. NotFoundError for an unknown member
        or category."""

    @binding("removeSuppression")
    def remove_suppression(
        self, external_user_id: str, suppression_id: str, /, **kwargs: Unpack[RequestOptions]
    ) -> None:
        """Remove a suppression (NotFoundError if the member has no suppression with that id)."""


class _Messages(API):
    @binding("sendMessage")
    def send_message(
        self,
        external_user_id: str,
        data: SendMessageRequestDict | SendMessageRequest | None = None,
        /,
        **kwargs: Unpack[_SendMessageArgs],
    ) -> SendMessageResponse:
        """Send a message: ``content`` is a template (``templateId``) or channels (``in_app`` and/or ``email``).

        Returns the whole answer: ``message``, ``delivery``, ``notification`` and ``audienceMember``
        (NotFoundError for an unknown member or ``category_id``). Never re-sent by a retry unless the
        server said it did not act (see the README's retry section).
        """

    @binding("getMessage", unwrap="message")
    def get_message(self, message_id: str, /, **kwargs: Unpack[RequestOptions]) -> MessageDetail:
        """A message with its delivery, notification and recipient (NotFoundError if unknown)."""

    @binding("listMemberMessages")
    def list_messages_for_user(
        self,
        external_user_id: str,
        params: ListMemberMessagesQuery | None = None,
        /,
        **kwargs: Unpack[_ListMessagesArgs],
    ) -> MessageListResponse:
        """One page of the member's messages, newest first: ``result["messages"]`` and ``result["pagination"]``.

        ``params`` (or keywords): ``limit`` and ``offset``; the server's defaults and limits apply.
        """


class _Workflow(API):
    @binding("runWorkflow")
    def run(
        self,
        key: str,
        data: RunWorkflowRequestDict | RunWorkflowRequest | None = None,
        /,
        **kwargs: Unpack[_RunArgs],
    ) -> RunWorkflowResponse:
        """Run workflow ``key`` for a member (``{"externalUserId": ..., "context": {...}}``); returns the whole answer
        (``runId``, ``status``)."""

    @binding("getWorkflowRun", unwrap="run")
    def get_run(self, run_id: str, /, **kwargs: Unpack[RequestOptions]) -> WorkflowRun:
        """A workflow run (NotFoundError if unknown)."""


# --- the namespaces, per kind of client ----------------------------------------------------------------


class Audience(_Audience, SyncAPI):
    """``ck.audience``: members and suppressions."""

    _client: ChimeKit

    @cached_property
    def with_raw_response(self) -> AudienceWithRawResponse:
        """The same methods, returning the raw response (``.parse()`` gives the result)."""
        return AudienceWithRawResponse(self._client)


class Messages(_Messages, SyncAPI):
    """``ck.messages``: send, fetch and list messages."""

    _client: ChimeKit

    @cached_property
    def with_raw_response(self) -> MessagesWithRawResponse:
        """The same methods, returning the raw response (``.parse()`` gives the result)."""
        return MessagesWithRawResponse(self._client)

    def iter_messages_for_user(self, external_user_id: str, *, page_size: int = 20) -> Iterator[MessageListItem]:
        """Every message of the member, newest first, fetching ``page_size`` per request."""
        self._check_paging(external_user_id, page_size)

        def pages() -> Iterator[MessageListItem]:
            offset = 0
            while True:
                page = self.list_messages_for_user(external_user_id, limit=page_size, offset=offset)
                yield from page.messages
                offset += len(page.messages)
                if not page.messages or offset >= page.pagination.total_count:
                    return

        return pages()

    def _check_paging(self, external_user_id: str, page_size: int) -> None:
        # The first page's arguments are checked now, not at the first next().
        type(self).list_messages_for_user.prepare((external_user_id,), {"limit": page_size, "offset": 0})


class Workflow(_Workflow, SyncAPI):
    """``ck.workflow``: run workflows and read runs."""

    _client: ChimeKit

    @cached_property
    def with_raw_response(self) -> WorkflowWithRawResponse:
        """The same methods, returning the raw response (``.parse()`` gives the result)."""
        return WorkflowWithRawResponse(self._client)


class AsyncAudience(_Audience, AsyncAPI):
    """``ck.audience`` of AsyncChimeKit: members and suppressions."""

    _client: AsyncChimeKit

    @cached_property
    def with_raw_response(self) -> AsyncAudienceWithRawResponse:
        """The same methods, returning the raw response (``.parse()`` gives the result)."""
        return AsyncAudienceWithRawResponse(self._client)


class AsyncMessages(_Messages, AsyncAPI):
    """``ck.messages`` of AsyncChimeKit: send, fetch and list messages."""

    _client: AsyncChimeKit

    @cached_property
    def with_raw_response(self) -> AsyncMessagesWithRawResponse:
        """The same methods, returning the raw response (``.parse()`` gives the result)."""
        return AsyncMessagesWithRawResponse(self._client)

    def iter_messages_for_user(self, external_user_id: str, *, page_size: int = 20) -> AsyncIterator[MessageListItem]:
        """Every message of the member, newest first: ``async for item in ...``."""
        type(self).list_messages_for_user.prepare((external_user_id,), {"limit": page_size, "offset": 0})

        async def pages() -> AsyncIterator[MessageListItem]:
            offset = 0
            while True:
                page = await self.list_messages_for_user(external_user_id, limit=page_size, offset=offset)
                for item in page.messages:
                    yield item
                offset += len(page.messages)
                if not page.messages or offset >= page.pagination.total_count:
                    return

        return pages()


class AsyncWorkflow(_Workflow, AsyncAPI):
    """``ck.workflow`` of AsyncChimeKit: run workflows and read runs."""

    _client: AsyncChimeKit

    @cached_property
    def with_raw_response(self) -> AsyncWorkflowWithRawResponse:
        """The same methods, returning the raw response (``.parse()`` gives the result)."""
        return AsyncWorkflowWithRawResponse(self._client)


class AudienceWithRawResponse(_Audience, SyncRawAPI):
    """``ck.audience.with_raw_response``: each method returns an ``APIResponse``."""


class MessagesWithRawResponse(_Messages, SyncRawAPI):
    """``ck.messages.with_raw_response``: each method returns an ``APIResponse``."""


class WorkflowWithRawResponse(_Workflow, SyncRawAPI):
    """``ck.workflow.with_raw_response``: each method returns an ``APIResponse``."""


class AsyncAudienceWithRawResponse(_Audience, AsyncRawAPI):
    """``ck.audience.with_raw_response`` of AsyncChimeKit: each method returns an ``APIResponse``."""


class AsyncMessagesWithRawResponse(_Messages, AsyncRawAPI):
    """``ck.messages.with_raw_response`` of AsyncChimeKit: each method returns an ``APIResponse``."""


class AsyncWorkflowWithRawResponse(_Workflow, AsyncRawAPI):
    """``ck.workflow.with_raw_response`` of AsyncChimeKit: each method returns an ``APIResponse``."""


def describe(*namespaces: tuple[str, type[Any]]) -> str:
    """A listing of namespaces and their methods, for the clients' docstrings (``help(ChimeKit)``)."""
    lines = ["", "    Namespaces and their methods (``ck.identify`` is ``ck.audience.identify``):", ""]
    for attribute, cls in namespaces:
        lines.append(f"        {attribute}: {(cls.__doc__ or '').strip()}")
        for name in dir(cls):
            member = getattr(cls, name)
            if not name.startswith("_") and (isinstance(member, Binding) or inspect.isfunction(member)):
                summary = (member.__doc__ or "").strip().splitlines()[0]
                lines.append(f"            {name}: {summary}")
        lines.append("")
    return "\n".join(lines)
