"""The API's methods as the docs name them: the one hand-written description of the facade's methods.

`make generate` reads this table (``codegen/facade.py``) and writes the classes users call,
``chimekit/resources/`` (``Audience``, ``AsyncAudience``, ``AudienceWithRawResponse``, ...: plain methods
with exact signatures), and ``api.md``. Each entry gives what the spec cannot: the namespace and name of the
method, the operation it calls (by operationId), which key of the response it returns, which body fields it
takes as positional arguments, and its docstring. Everything else (path, HTTP method, parameters and their
types, the body, the response models) comes from the spec. An operation without a method here fails
`make generate`, naming this file.

Arguments of a generated method: the path parameters, positional (in the order of the path), then the body
(or the query parameters) as one optional dict, positional; then each body field (or query parameter) as a
keyword argument; then the per-call options ``timeout``, ``extra_headers``, ``extra_query``, ``extra_body``.
"""

from __future__ import annotations

from typing import NamedTuple


class Method(NamedTuple):
    namespace: str
    """``audience``, ``messages`` or ``workflow`` (``ck.audience``, ...)."""
    name: str
    operation_id: str
    doc: str
    returns: str | None = None
    """The key of the response to return (``"member"``: ``{"member": {...}}`` → the member); None: all of it."""
    ids: tuple[str, ...] = ()
    """Body fields taken as positional arguments before the body (``identify(external_user_id, ...)``)."""
    on_client: bool = False
    """Also a method of the client itself (``ck.identify``)."""


class Pages(NamedTuple):
    """A method that iterates over every item of a paged list method (paging as the spec's operation says)."""

    namespace: str
    name: str
    method: str
    """The list method it calls for each page."""
    doc: str


class Many(NamedTuple):
    """A method that calls a POST method once per item, paced and never twice (``chimekit._bulk``)."""

    namespace: str
    name: str
    method: str
    """The method it calls for each item; it takes one id and a body (``send_message``)."""
    doc: str


NAMESPACES = {
    "audience": "members and suppressions.",
    "messages": "send, fetch and list messages.",
    "workflow": "run workflows and read runs.",
}

METHODS = (
    Method(
        "audience",
        "identify",
        "identify",
        returns="member",
        ids=("external_user_id",),
        on_client=True,
        doc="""Create or update (upsert) the member ``external_user_id``; returns the member as stored.

        ``data`` holds the API's fields (``{"displayName": ..., "identities": [...], "attributes": {...}}``);
        the keyword arguments are the same fields (``display_name=...``). Fields left out keep their stored
        value; a deleted member is revived.""",
    ),
    Method(
        "audience",
        "find_member",
        "findMember",
        returns="member",
        doc="The member, or ``None`` if no active member has this id.",
    ),
    Method(
        "audience",
        "update_member",
        "updateMember",
        returns="member",
        doc="Replace the given fields of a member (``attributes``, ``identities``: whole); None if it does not exist.",
    ),
    Method(
        "audience",
        "delete_member",
        "deleteMember",
        returns="id",
        doc="Soft-delete a member; returns its id, or ``None`` if there was no active member.",
    ),
    Method(
        "audience",
        "list_suppressions",
        "listSuppressions",
        returns="suppressions",
        doc="The member's suppressions, oldest first (NotFoundError for an unknown member).",
    ),
    Method(
        "audience",
        "suppress",
        "addSuppression",
        returns="suppression",
        doc="""Suppress delivery to one identity (``identity={"type": "email", "value": ...}``), for one category
        (``category_id``) or globally.

        Suppressing it again returns the existing suppression. NotFoundError for an unknown member or category.""",
    ),
    Method(
        "audience",
        "remove_suppression",
        "removeSuppression",
        doc="Remove a suppression (NotFoundError if the member has no suppression with that id).",
    ),
    Method(
        "messages",
        "send_message",
        "sendMessage",
        ids=("external_user_id",),
        doc="""Send a message: ``content`` is a template (``templateId``) or channels (``in_app`` and/or ``email``).

        Returns the whole response: ``message``, ``delivery``, ``notification`` and ``audienceMember``
        (NotFoundError for an unknown member or ``category_id``). Never re-sent by a retry unless the
        server said it did not act (see the README's retry section).""",
    ),
    Method(
        "messages",
        "get_message",
        "getMessage",
        returns="message",
        doc="A message with its delivery, notification and recipient (NotFoundError if unknown).",
    ),
    Method(
        "messages",
        "list_messages_for_user",
        "listMemberMessages",
        doc="""One page of the member's messages, newest first: ``result["messages"]`` and ``result["pagination"]``.

        ``params`` (or keywords): ``limit`` and ``offset``; the server's defaults and limits apply.""",
    ),
    Method(
        "workflow",
        "run",
        "runWorkflow",
        doc="""Run workflow ``key`` for a member (``{"externalUserId": ..., "context": {...}}``).

        Returns the whole response (``runId``, ``status``).""",
    ),
    Method(
        "workflow",
        "get_run",
        "getWorkflowRun",
        returns="run",
        doc="A workflow run (NotFoundError if unknown).",
    ),
)

PAGES = (
    Pages(
        "messages",
        "iter_messages_for_user",
        "list_messages_for_user",
        doc="""Every message of the member, newest first, fetching ``page_size`` per request.""",
    ),
)

MANY = (
    Many(
        "messages",
        "send_many",
        "send_message",
        doc="""Send one message to each member: ``sends`` holds ``(external_user_id, body)`` pairs, the body as
        ``send_message`` takes it. Returns one ``Outcome`` per item, in order (``.ok``, ``.result``, ``.error``,
        ``.sent``, ``.retryable``, ``.external_user_id``, ``.index``); a failed item never raises.

        Every item is checked before the first send (a ``ValidationError`` names ``sends[i]``, and nothing is
        sent). Up to ``max_concurrency`` sends are in flight; on a 429 every one waits the ``Retry-After`` and
        the pace settles just under the server's limit. An item is sent again only when
        the server surely did not act on it, never a message twice: after a 503 or a connection never made it is
        tried ``max_retries + 1`` times, like ``send_message``. ``on_progress`` gets a
        ``Progress(done, failed, total)`` after each item. An interruption (Ctrl-C, a cancelled task) sends
        nothing more, lets the sends in flight finish, and re-raises with ``.outcomes`` attached.""",
    ),
)
