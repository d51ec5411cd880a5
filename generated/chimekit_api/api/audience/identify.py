from http import HTTPStatus
from typing import Any, cast

import httpx

from ...api import IDENTIFY as OPERATION
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.identify_request import IdentifyRequest
from ...models.identify_response import IdentifyResponse
from ...types import Response


def _get_kwargs(
    *,
    body: IdentifyRequest,
) -> dict[str, Any]:
    return OPERATION.request_kwargs(
        {},
        None,
        body,
    )


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | IdentifyResponse | None:
    parsed = OPERATION.parse_response(response, raise_on_unexpected_status=client.raise_on_unexpected_status)
    return cast("Error | IdentifyResponse | None", parsed)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | IdentifyResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: IdentifyRequest,
) -> Response[Error | IdentifyResponse]:
    """Identify an audience member

     Creates (or updates) an audience member by `externalUserId`. This is the canonical way to
    upsert profiles before sending messages or running workflows. For an active member, fields
    left out keep their stored value. A deleted member is revived with the given profile only
    (fields left out are empty; its internal id, `created` and suppressions are kept).
    `member.email` is the value of the first email identity.

    Args:
        body (IdentifyRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | IdentifyResponse]
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
    body: IdentifyRequest,
) -> Error | IdentifyResponse | None:
    """Identify an audience member

     Creates (or updates) an audience member by `externalUserId`. This is the canonical way to
    upsert profiles before sending messages or running workflows. For an active member, fields
    left out keep their stored value. A deleted member is revived with the given profile only
    (fields left out are empty; its internal id, `created` and suppressions are kept).
    `member.email` is the value of the first email identity.

    Args:
        body (IdentifyRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | IdentifyResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: IdentifyRequest,
) -> Response[Error | IdentifyResponse]:
    """Identify an audience member

     Creates (or updates) an audience member by `externalUserId`. This is the canonical way to
    upsert profiles before sending messages or running workflows. For an active member, fields
    left out keep their stored value. A deleted member is revived with the given profile only
    (fields left out are empty; its internal id, `created` and suppressions are kept).
    `member.email` is the value of the first email identity.

    Args:
        body (IdentifyRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | IdentifyResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: IdentifyRequest,
) -> Error | IdentifyResponse | None:
    """Identify an audience member

     Creates (or updates) an audience member by `externalUserId`. This is the canonical way to
    upsert profiles before sending messages or running workflows. For an active member, fields
    left out keep their stored value. A deleted member is revived with the given profile only
    (fields left out are empty; its internal id, `created` and suppressions are kept).
    `member.email` is the value of the first email identity.

    Args:
        body (IdentifyRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | IdentifyResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
