from http import HTTPStatus
from typing import Any, cast

import httpx

from ...api import LIST_MEMBER_MESSAGES as OPERATION
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.message_list_response import MessageListResponse
from ...types import Response, Unset


def _get_kwargs(
    external_user_id: str,
    *,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> dict[str, Any]:
    return OPERATION.request_kwargs(
        {
            "externalUserId": external_user_id,
        },
        {
            "limit": limit,
            "offset": offset,
        },
        None,
    )


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | MessageListResponse | None:
    parsed = OPERATION.parse_response(response, raise_on_unexpected_status=client.raise_on_unexpected_status)
    return cast("Error | MessageListResponse | None", parsed)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | MessageListResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    external_user_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> Response[Error | MessageListResponse]:
    """List messages for a member

     Lists the member's messages, newest first, one page at a time. `totalCount` counts all of
    the member's messages. `404` for an unknown member.

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | MessageListResponse]
    """

    kwargs = _get_kwargs(
        external_user_id=external_user_id,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    external_user_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> Error | MessageListResponse | None:
    """List messages for a member

     Lists the member's messages, newest first, one page at a time. `totalCount` counts all of
    the member's messages. `404` for an unknown member.

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | MessageListResponse
    """

    return sync_detailed(
        external_user_id=external_user_id,
        client=client,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    external_user_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> Response[Error | MessageListResponse]:
    """List messages for a member

     Lists the member's messages, newest first, one page at a time. `totalCount` counts all of
    the member's messages. `404` for an unknown member.

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | MessageListResponse]
    """

    kwargs = _get_kwargs(
        external_user_id=external_user_id,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    external_user_id: str,
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 20,
    offset: int | Unset = 0,
) -> Error | MessageListResponse | None:
    """List messages for a member

     Lists the member's messages, newest first, one page at a time. `totalCount` counts all of
    the member's messages. `404` for an unknown member.

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.
        limit (int | Unset):  Default: 20.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | MessageListResponse
    """

    return (
        await asyncio_detailed(
            external_user_id=external_user_id,
            client=client,
            limit=limit,
            offset=offset,
        )
    ).parsed
