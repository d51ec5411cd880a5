"""Every API operation, compiled from the spec: ``OPERATIONS["findMember"]``, or the constants below.

Each is a ``chimekit_api.types.Operation``: operationId, method, path template, path and query parameters
(with their JSON schemas: types, defaults, limits, patterns), the request body model, and the model of each
documented response. The endpoint modules (``chimekit_api.api.<tag>.<name>``) and the ``chimekit`` facade
both build their requests from these; the sandbox server reads the same spec (``openapi.json``).
"""

from __future__ import annotations

from typing import TypedDict

from .. import models
from ..types import Operation, Parameter

ADD_SUPPRESSION = Operation(
    operation_id="addSuppression",
    method="POST",
    path="/sdk/v1/audience/members/{externalUserId}/suppressions",
    tag="audience",
    summary="Add a member suppression",
    description="Creates a suppression for one of the member's identities. If `categoryId` is omitted the\nsuppression is global for that identity. The identity is matched by `type` and `value`\n(emails case-insensitively); an identity the member does not have is added to the member.\nSuppressing the same identity and category again returns the existing suppression\n(idempotent). `404` for an unknown member (`member not found`) or a `categoryId` that names\nno category (`categoryId: category not found`).\n",
    path_params=(
        Parameter(
            name="externalUserId",
            python_name="external_user_id",
            location="path",
            required=True,
            kind="str",
            schema={
                "type": "string",
                "minLength": 1,
                "maxLength": 256,
                "pattern": "^[A-Za-z0-9_@+:=|~-][A-Za-z0-9_.@+:=|~-]*$",
            },
        ),
    ),
    query_params=(),
    body=models.AddSuppressionRequest,
    responses={
        200: models.SuppressionResponse,
        400: models.Error,
        401: models.Error,
        404: models.Error,
        413: models.Error,
        429: models.Error,
        500: models.Error,
        503: models.Error,
    },
)

DELETE_MEMBER = Operation(
    operation_id="deleteMember",
    method="DELETE",
    path="/sdk/v1/audience/members/{externalUserId}",
    tag="audience",
    summary="Delete an audience member",
    description='Soft-deletes a member. Answers the deleted member\'s `externalUserId`, or `{"id": null}` if\nno active member exists (so a second delete answers null): never `404`.\n',
    path_params=(
        Parameter(
            name="externalUserId",
            python_name="external_user_id",
            location="path",
            required=True,
            kind="str",
            schema={
                "type": "string",
                "minLength": 1,
                "maxLength": 256,
                "pattern": "^[A-Za-z0-9_@+:=|~-][A-Za-z0-9_.@+:=|~-]*$",
            },
        ),
    ),
    query_params=(),
    body=None,
    responses={
        200: models.DeleteMemberResponse,
        400: models.Error,
        401: models.Error,
        429: models.Error,
        500: models.Error,
        503: models.Error,
    },
)

FIND_MEMBER = Operation(
    operation_id="findMember",
    method="GET",
    path="/sdk/v1/audience/members/{externalUserId}",
    tag="audience",
    summary="Get an audience member",
    description='Returns the member profile, or `{"member": null}` if no active member exists (unknown or\ndeleted): never `404`.\n',
    path_params=(
        Parameter(
            name="externalUserId",
            python_name="external_user_id",
            location="path",
            required=True,
            kind="str",
            schema={
                "type": "string",
                "minLength": 1,
                "maxLength": 256,
                "pattern": "^[A-Za-z0-9_@+:=|~-][A-Za-z0-9_.@+:=|~-]*$",
            },
        ),
    ),
    query_params=(),
    body=None,
    responses={
        200: models.MemberResponse,
        400: models.Error,
        401: models.Error,
        429: models.Error,
        500: models.Error,
        503: models.Error,
    },
)

IDENTIFY = Operation(
    operation_id="identify",
    method="POST",
    path="/sdk/v1/audience/identify",
    tag="audience",
    summary="Identify an audience member",
    description="Creates (or updates) an audience member by `externalUserId`. This is the canonical way to\nupsert profiles before sending messages or running workflows. For an active member, fields\nleft out keep their stored value. A deleted member is revived with the given profile only\n(fields left out are empty; its internal id, `created` and suppressions are kept).\n`member.email` is the value of the first email identity.\n",
    path_params=(),
    query_params=(),
    body=models.IdentifyRequest,
    responses={
        200: models.IdentifyResponse,
        400: models.Error,
        401: models.Error,
        413: models.Error,
        429: models.Error,
        500: models.Error,
        503: models.Error,
    },
)

LIST_SUPPRESSIONS = Operation(
    operation_id="listSuppressions",
    method="GET",
    path="/sdk/v1/audience/members/{externalUserId}/suppressions",
    tag="audience",
    summary="List member suppressions",
    description="Lists the member's suppressions, oldest first. Suppressions prevent delivery for a specific\nidentity, optionally scoped to a category. `404` for an unknown member.\n",
    path_params=(
        Parameter(
            name="externalUserId",
            python_name="external_user_id",
            location="path",
            required=True,
            kind="str",
            schema={
                "type": "string",
                "minLength": 1,
                "maxLength": 256,
                "pattern": "^[A-Za-z0-9_@+:=|~-][A-Za-z0-9_.@+:=|~-]*$",
            },
        ),
    ),
    query_params=(),
    body=None,
    responses={
        200: models.SuppressionListResponse,
        400: models.Error,
        401: models.Error,
        404: models.Error,
        429: models.Error,
        500: models.Error,
        503: models.Error,
    },
)

REMOVE_SUPPRESSION = Operation(
    operation_id="removeSuppression",
    method="DELETE",
    path="/sdk/v1/audience/members/{externalUserId}/suppressions/{suppressionId}",
    tag="audience",
    summary="Remove a member suppression",
    description="Removes a suppression by id. The response body is empty on success. `404` when the member\nis unknown or has no suppression with that id (so removing twice is a `404`).\n",
    path_params=(
        Parameter(
            name="externalUserId",
            python_name="external_user_id",
            location="path",
            required=True,
            kind="str",
            schema={
                "type": "string",
                "minLength": 1,
                "maxLength": 256,
                "pattern": "^[A-Za-z0-9_@+:=|~-][A-Za-z0-9_.@+:=|~-]*$",
            },
        ),
        Parameter(
            name="suppressionId",
            python_name="suppression_id",
            location="path",
            required=True,
            kind="str",
            schema={"type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[A-Za-z0-9_-]+$"},
        ),
    ),
    query_params=(),
    body=None,
    responses={
        204: None,
        400: models.Error,
        401: models.Error,
        404: models.Error,
        429: models.Error,
        500: models.Error,
        503: models.Error,
    },
)

UPDATE_MEMBER = Operation(
    operation_id="updateMember",
    method="PUT",
    path="/sdk/v1/audience/members/{externalUserId}",
    tag="audience",
    summary="Update an audience member",
    description='Updates an existing member. Each given field replaces the stored one (`attributes` and\n`identities` are replaced whole, not merged); fields left out are kept. If the member does\nnot exist (or is deleted), the response is `{"member": null}` (never `404`) and nothing is\ncreated.\n',
    path_params=(
        Parameter(
            name="externalUserId",
            python_name="external_user_id",
            location="path",
            required=True,
            kind="str",
            schema={
                "type": "string",
                "minLength": 1,
                "maxLength": 256,
                "pattern": "^[A-Za-z0-9_@+:=|~-][A-Za-z0-9_.@+:=|~-]*$",
            },
        ),
    ),
    query_params=(),
    body=models.UpdateMemberRequest,
    responses={
        200: models.MemberResponse,
        400: models.Error,
        401: models.Error,
        413: models.Error,
        429: models.Error,
        500: models.Error,
        503: models.Error,
    },
)

GET_MESSAGE = Operation(
    operation_id="getMessage",
    method="GET",
    path="/sdk/v1/messages/{messageId}",
    tag="messages",
    summary="Get a message",
    description="Fetches a message by id, with its delivery, notification and recipient. `404` for an\nunknown message id (`message not found`).\n",
    path_params=(
        Parameter(
            name="messageId",
            python_name="message_id",
            location="path",
            required=True,
            kind="str",
            schema={"type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[A-Za-z0-9_-]+$"},
        ),
    ),
    query_params=(),
    body=None,
    responses={
        200: models.GetMessageResponse,
        400: models.Error,
        401: models.Error,
        404: models.Error,
        429: models.Error,
        500: models.Error,
        503: models.Error,
    },
)

LIST_MEMBER_MESSAGES = Operation(
    operation_id="listMemberMessages",
    method="GET",
    path="/sdk/v1/messages/members/{externalUserId}/messages",
    tag="messages",
    summary="List messages for a member",
    description="Lists the member's messages, newest first, one page at a time. `totalCount` counts all of\nthe member's messages. `404` for an unknown member.\n",
    path_params=(
        Parameter(
            name="externalUserId",
            python_name="external_user_id",
            location="path",
            required=True,
            kind="str",
            schema={
                "type": "string",
                "minLength": 1,
                "maxLength": 256,
                "pattern": "^[A-Za-z0-9_@+:=|~-][A-Za-z0-9_.@+:=|~-]*$",
            },
        ),
    ),
    query_params=(
        Parameter(
            name="limit",
            python_name="limit",
            location="query",
            required=False,
            kind="int",
            schema={"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
        ),
        Parameter(
            name="offset",
            python_name="offset",
            location="query",
            required=False,
            kind="int",
            schema={"type": "integer", "minimum": 0, "maximum": 2147483647, "default": 0},
        ),
    ),
    body=None,
    responses={
        200: models.MessageListResponse,
        400: models.Error,
        401: models.Error,
        404: models.Error,
        429: models.Error,
        500: models.Error,
        503: models.Error,
    },
)


class ListMemberMessagesQuery(TypedDict, total=False):
    """The query parameters of ``listMemberMessages``."""

    limit: int
    offset: int


SEND_MESSAGE = Operation(
    operation_id="sendMessage",
    method="POST",
    path="/sdk/v1/messages/send",
    tag="messages",
    summary="Send a message",
    description="Sends a message to an audience member. Content is either a template (`content.templateId`,\nsent as-is with optional variables) or one or more channels (`content.in_app` and/or\n`content.email`); a content with neither, or with both a template and channels, is a `400`.\n`404` for an unknown member (`member not found`) or a `categoryId` that names no category\n(`categoryId: category not found`). Template ids are not looked up when sending (templates\nrender asynchronously, see below), so an unknown template id is not a `404`.\n\nAn `in_app` channel creates the in-app `notification`. An `email` channel creates a\n`delivery` to the member's first email identity; its status is `suppressed` when that\nidentity has a global suppression or one for the message's category, and `failed` (with `to`\nnull) when the member has no email identity; otherwise it is `queued` and moves on by itself\n(`sent`, then `delivered`: see `Delivery.status`; this answer shows it as created). A template send is\nanswered with the stored message; the template's channels are rendered asynchronously, so\n`notification` and `delivery` are null in the response.\n",
    path_params=(),
    query_params=(),
    body=models.SendMessageRequest,
    responses={
        200: models.SendMessageResponse,
        400: models.Error,
        401: models.Error,
        404: models.Error,
        413: models.Error,
        429: models.Error,
        500: models.Error,
        503: models.Error,
    },
)

GET_WORKFLOW_RUN = Operation(
    operation_id="getWorkflowRun",
    method="GET",
    path="/sdk/v1/workflows/runs/{runId}",
    tag="workflows",
    summary="Get a workflow run",
    description="Returns metadata for a previously queued run, as it is now: its `status` moves from `queued`\nto `running` (`startedAt` set) to a final state (`finishedAt` set), see `WorkflowRun.status`.\n`404` for an unknown run id (`workflow run not found`). A GET of `/sdk/v1/workflows/runs/run`\nis this operation for the run id `run` (`runWorkflow` for the key `runs` is the POST to the\nsame path).\n",
    path_params=(
        Parameter(
            name="runId",
            python_name="run_id",
            location="path",
            required=True,
            kind="str",
            schema={"type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[A-Za-z0-9_-]+$"},
        ),
    ),
    query_params=(),
    body=None,
    responses={
        200: models.WorkflowRunResponse,
        400: models.Error,
        401: models.Error,
        404: models.Error,
        429: models.Error,
        500: models.Error,
        503: models.Error,
    },
)

RUN_WORKFLOW = Operation(
    operation_id="runWorkflow",
    method="POST",
    path="/sdk/v1/workflows/{key}/run",
    tag="workflows",
    summary="Run a workflow",
    description='Queues a workflow run for an existing audience member. `404` for an unknown member\n(`member not found`). The `key` is not looked up when the run is queued, so any well-formed\nkey is accepted (never a `404`). The key `runs` makes the path `/sdk/v1/workflows/runs/run`,\nwhich is this operation for POST only (a GET there is `getWorkflowRun` for the run id `run`).\n`context` is merged into the run context, to which the server adds `apiKeyId`. The answer is\nthe run as created (`queued`); the run then moves on by itself (`running`, then a final state:\nsee `WorkflowRun.status`), which `getWorkflowRun` shows. The sandbox server takes\n`--step-seconds` (0.2 s by default) per step, and ends a run whose context holds\n`"sandbox": {"fail": true}` as `failed`.\n',
    path_params=(
        Parameter(
            name="key",
            python_name="key",
            location="path",
            required=True,
            kind="str",
            schema={"type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[A-Za-z0-9_-]+$"},
        ),
    ),
    query_params=(),
    body=models.RunWorkflowRequest,
    responses={
        200: models.RunWorkflowResponse,
        400: models.Error,
        401: models.Error,
        404: models.Error,
        413: models.Error,
        429: models.Error,
        500: models.Error,
        503: models.Error,
    },
)

OPERATIONS: dict[str, Operation] = {
    "addSuppression": ADD_SUPPRESSION,
    "deleteMember": DELETE_MEMBER,
    "findMember": FIND_MEMBER,
    "getMessage": GET_MESSAGE,
    "getWorkflowRun": GET_WORKFLOW_RUN,
    "identify": IDENTIFY,
    "listMemberMessages": LIST_MEMBER_MESSAGES,
    "listSuppressions": LIST_SUPPRESSIONS,
    "removeSuppression": REMOVE_SUPPRESSION,
    "runWorkflow": RUN_WORKFLOW,
    "sendMessage": SEND_MESSAGE,
    "updateMember": UPDATE_MEMBER,
}
"""Every operation by its operationId."""
