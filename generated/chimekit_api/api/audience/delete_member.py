from http import HTTPStatus
from typing import Any, cast

import httpx

from ...api import DELETE_MEMBER as OPERATION
from ...client import AuthenticatedClient, Client
from ...models.delete_member_response import DeleteMemberResponse
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    external_user_id: str,
) -> dict[str, Any]:
    return OPERATION.request_kwargs(
        {
            "externalUserId": external_user_id,
        },
        None,
        None,
    )


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeleteMemberResponse | Error | None:
    parsed = OPERATION.parse_response(response, raise_on_unexpected_status=client.raise_on_unexpected_status)
    return cast("DeleteMemberResponse | Error | None", parsed)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DeleteMemberResponse | Error]:
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
) -> Response[DeleteMemberResponse | Error]:
    """Delete an audience member

     Soft-deletes a member. Answers the deleted member's `externalUserId`, or `{"id": null}` if
    no active member exists (so a second delete answers null): never `404`.

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeleteMemberResponse | Error]
    """

    kwargs = _get_kwargs(
        external_user_id=external_user_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    external_user_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> DeleteMemberResponse | Error | None:
    """Delete an audience member

     Soft-deletes a member. Answers the deleted member's `externalUserId`, or `{"id": null}` if
    no active member exists (so a second delete answers null): never `404`.

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeleteMemberResponse | Error
    """

    return sync_detailed(
        external_user_id=external_user_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    external_user_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DeleteMemberResponse | Error]:
    """Delete an audience member

     Soft-deletes a member. Answers the deleted member's `externalUserId`, or `{"id": null}` if
    no active member exists (so a second delete answers null): never `404`.

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeleteMemberResponse | Error]
    """

    kwargs = _get_kwargs(
        external_user_id=external_user_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    external_user_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> DeleteMemberResponse | Error | None:
    """Delete an audience member

     Soft-deletes a member. Answers the deleted member's `externalUserId`, or `{"id": null}` if
    no active member exists (so a second delete answers null): never `404`.

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeleteMemberResponse | Error
    """

    return (
        await asyncio_detailed(
            external_user_id=external_user_id,
            client=client,
        )
    ).parsed
