from http import HTTPStatus
from typing import Any, cast

import httpx

from ...api import SEND_MESSAGE as OPERATION
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.send_message_request import SendMessageRequest
from ...models.send_message_response import SendMessageResponse
from ...types import Response


def _get_kwargs(
    *,
    body: SendMessageRequest,
) -> dict[str, Any]:
    return OPERATION.request_kwargs(
        {},
        None,
        body,
    )


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | SendMessageResponse | None:
    parsed = OPERATION.parse_response(response, raise_on_unexpected_status=client.raise_on_unexpected_status)
    return cast("Error | SendMessageResponse | None", parsed)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | SendMessageResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SendMessageRequest,
) -> Response[Error | SendMessageResponse]:
    """Send a message

     Sends a message to an audience member. Content is either a template (`content.templateId`,
    sent as-is with optional variables) or one or more channels (`content.in_app` and/or
    `content.email`); a content with neither, or with both a template and channels, is a `400`.
    `404` for an unknown member (`member not found`) or a `categoryId` that names no category
    (`categoryId: category not found`). Template ids are not looked up when sending (templates
    render asynchronously, see below), so an unknown template id is not a `404`.

    An `in_app` channel creates the in-app `notification`. An `email` channel creates a
    `delivery` to the member's first email identity; its status is `suppressed` when that
    identity has a global suppression or one for the message's category, and `failed` (with `to`
    null) when the member has no email identity; otherwise it is `queued` and moves on by itself
    (`sent`, then `delivered`: see `Delivery.status`; this answer shows it as created). A template send
    is
    answered with the stored message; the template's channels are rendered asynchronously, so
    `notification` and `delivery` are null in the response.

    Args:
        body (SendMessageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SendMessageResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: SendMessageRequest,
) -> Error | SendMessageResponse | None:
    """Send a message

     Sends a message to an audience member. Content is either a template (`content.templateId`,
    sent as-is with optional variables) or one or more channels (`content.in_app` and/or
    `content.email`); a content with neither, or with both a template and channels, is a `400`.
    `404` for an unknown member (`member not found`) or a `categoryId` that names no category
    (`categoryId: category not found`). Template ids are not looked up when sending (templates
    render asynchronously, see below), so an unknown template id is not a `404`.

    An `in_app` channel creates the in-app `notification`. An `email` channel creates a
    `delivery` to the member's first email identity; its status is `suppressed` when that
    identity has a global suppression or one for the message's category, and `failed` (with `to`
    null) when the member has no email identity; otherwise it is `queued` and moves on by itself
    (`sent`, then `delivered`: see `Delivery.status`; this answer shows it as created). A template send
    is
    answered with the stored message; the template's channels are rendered asynchronously, so
    `notification` and `delivery` are null in the response.

    Args:
        body (SendMessageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SendMessageResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SendMessageRequest,
) -> Response[Error | SendMessageResponse]:
    """Send a message

     Sends a message to an audience member. Content is either a template (`content.templateId`,
    sent as-is with optional variables) or one or more channels (`content.in_app` and/or
    `content.email`); a content with neither, or with both a template and channels, is a `400`.
    `404` for an unknown member (`member not found`) or a `categoryId` that names no category
    (`categoryId: category not found`). Template ids are not looked up when sending (templates
    render asynchronously, see below), so an unknown template id is not a `404`.

    An `in_app` channel creates the in-app `notification`. An `email` channel creates a
    `delivery` to the member's first email identity; its status is `suppressed` when that
    identity has a global suppression or one for the message's category, and `failed` (with `to`
    null) when the member has no email identity; otherwise it is `queued` and moves on by itself
    (`sent`, then `delivered`: see `Delivery.status`; this answer shows it as created). A template send
    is
    answered with the stored message; the template's channels are rendered asynchronously, so
    `notification` and `delivery` are null in the response.

    Args:
        body (SendMessageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SendMessageResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SendMessageRequest,
) -> Error | SendMessageResponse | None:
    """Send a message

     Sends a message to an audience member. Content is either a template (`content.templateId`,
    sent as-is with optional variables) or one or more channels (`content.in_app` and/or
    `content.email`); a content with neither, or with both a template and channels, is a `400`.
    `404` for an unknown member (`member not found`) or a `categoryId` that names no category
    (`categoryId: category not found`). Template ids are not looked up when sending (templates
    render asynchronously, see below), so an unknown template id is not a `404`.

    An `in_app` channel creates the in-app `notification`. An `email` channel creates a
    `delivery` to the member's first email identity; its status is `suppressed` when that
    identity has a global suppression or one for the message's category, and `failed` (with `to`
    null) when the member has no email identity; otherwise it is `queued` and moves on by itself
    (`sent`, then `delivered`: see `Delivery.status`; this answer shows it as created). A template send
    is
    answered with the stored message; the template's channels are rendered asynchronously, so
    `notification` and `delivery` are null in the response.

    Args:
        body (SendMessageRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SendMessageResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
