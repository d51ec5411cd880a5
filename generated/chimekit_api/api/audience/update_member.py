from http import HTTPStatus
from typing import Any, cast

import httpx

from ...api import UPDATE_MEMBER as OPERATION
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.member_response import MemberResponse
from ...models.update_member_request import UpdateMemberRequest
from ...types import Response


def _get_kwargs(
    external_user_id: str,
    *,
    body: UpdateMemberRequest,
) -> dict[str, Any]:
    return OPERATION.request_kwargs(
        {
            "externalUserId": external_user_id,
        },
        None,
        body,
    )


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Error | MemberResponse | None:
    parsed = OPERATION.parse_response(response, raise_on_unexpected_status=client.raise_on_unexpected_status)
    return cast("Error | MemberResponse | None", parsed)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | MemberResponse]:
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
    body: UpdateMemberRequest,
) -> Response[Error | MemberResponse]:
    """Update an audience member

     Updates an existing member. Each given field replaces the stored one (`attributes` and
    `identities` are replaced whole, not merged); fields left out are kept. If the member does
    not exist (or is deleted), the response is `{"member": null}` (never `404`) and nothing is
    created.

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.
        body (UpdateMemberRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | MemberResponse]
    """

    kwargs = _get_kwargs(
        external_user_id=external_user_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    external_user_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateMemberRequest,
) -> Error | MemberResponse | None:
    """Update an audience member

     Updates an existing member. Each given field replaces the stored one (`attributes` and
    `identities` are replaced whole, not merged); fields left out are kept. If the member does
    not exist (or is deleted), the response is `{"member": null}` (never `404`) and nothing is
    created.

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.
        body (UpdateMemberRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | MemberResponse
    """

    return sync_detailed(
        external_user_id=external_user_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    external_user_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateMemberRequest,
) -> Response[Error | MemberResponse]:
    """Update an audience member

     Updates an existing member. Each given field replaces the stored one (`attributes` and
    `identities` are replaced whole, not merged); fields left out are kept. If the member does
    not exist (or is deleted), the response is `{"member": null}` (never `404`) and nothing is
    created.

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.
        body (UpdateMemberRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | MemberResponse]
    """

    kwargs = _get_kwargs(
        external_user_id=external_user_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    external_user_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateMemberRequest,
) -> Error | MemberResponse | None:
    """Update an audience member

     Updates an existing member. Each given field replaces the stored one (`attributes` and
    `identities` are replaced whole, not merged); fields left out are kept. If the member does
    not exist (or is deleted), the response is `{"member": null}` (never `404`) and nothing is
    created.

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.
        body (UpdateMemberRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | MemberResponse
    """

    return (
        await asyncio_detailed(
            external_user_id=external_user_id,
            client=client,
            body=body,
        )
    ).parsed
