from http import HTTPStatus
from typing import Any, cast

import httpx

from ...api import GET_MESSAGE as OPERATION
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.get_message_response import GetMessageResponse
from ...types import Response


def _get_kwargs(
    message_id: str,
) -> dict[str, Any]:
    return OPERATION.request_kwargs(
        {
            "messageId": message_id,
        },
        None,
        None,
    )


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | GetMessageResponse | None:
    parsed = OPERATION.parse_response(response, raise_on_unexpected_status=client.raise_on_unexpected_status)
    return cast("Error | GetMessageResponse | None", parsed)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | GetMessageResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    message_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | GetMessageResponse]:
    """Get a message

     Fetches a message by id, with its delivery, notification and recipient. `404` for an
    unknown message id (`message not found`).

    Args:
        message_id (str): A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | GetMessageResponse]
    """

    kwargs = _get_kwargs(
        message_id=message_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    message_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | GetMessageResponse | None:
    """Get a message

     Fetches a message by id, with its delivery, notification and recipient. `404` for an
    unknown message id (`message not found`).

    Args:
        message_id (str): A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | GetMessageResponse
    """

    return sync_detailed(
        message_id=message_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    message_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | GetMessageResponse]:
    """Get a message

     Fetches a message by id, with its delivery, notification and recipient. `404` for an
    unknown message id (`message not found`).

    Args:
        message_id (str): A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | GetMessageResponse]
    """

    kwargs = _get_kwargs(
        message_id=message_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    message_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | GetMessageResponse | None:
    """Get a message

     Fetches a message by id, with its delivery, notification and recipient. `404` for an
    unknown message id (`message not found`).

    Args:
        message_id (str): A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | GetMessageResponse
    """

    return (
        await asyncio_detailed(
            message_id=message_id,
            client=client,
        )
    ).parsed
