from http import HTTPStatus
from typing import Any, cast

import httpx

from ...api import ADD_SUPPRESSION as OPERATION
from ...client import AuthenticatedClient, Client
from ...models.add_suppression_request import AddSuppressionRequest
from ...models.error import Error
from ...models.suppression_response import SuppressionResponse
from ...types import Response


def _get_kwargs(
    external_user_id: str,
    *,
    body: AddSuppressionRequest,
) -> dict[str, Any]:
    return OPERATION.request_kwargs(
        {
            "externalUserId": external_user_id,
        },
        None,
        body,
    )


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | SuppressionResponse | None:
    parsed = OPERATION.parse_response(response, raise_on_unexpected_status=client.raise_on_unexpected_status)
    return cast("Error | SuppressionResponse | None", parsed)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | SuppressionResponse]:
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
    body: AddSuppressionRequest,
) -> Response[Error | SuppressionResponse]:
    """Add a member suppression

     Creates a suppression for one of the member's identities. If `categoryId` is omitted the
    suppression is global for that identity. The identity is matched by `type` and `value`
    (emails case-insensitively); an identity the member does not have is added to the member.
    Suppressing the same identity and category again returns the existing suppression
    (idempotent). `404` for an unknown member (`member not found`) or a `categoryId` that names
    no category (`categoryId: category not found`).

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.
        body (AddSuppressionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SuppressionResponse]
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
    body: AddSuppressionRequest,
) -> Error | SuppressionResponse | None:
    """Add a member suppression

     Creates a suppression for one of the member's identities. If `categoryId` is omitted the
    suppression is global for that identity. The identity is matched by `type` and `value`
    (emails case-insensitively); an identity the member does not have is added to the member.
    Suppressing the same identity and category again returns the existing suppression
    (idempotent). `404` for an unknown member (`member not found`) or a `categoryId` that names
    no category (`categoryId: category not found`).

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.
        body (AddSuppressionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SuppressionResponse
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
    body: AddSuppressionRequest,
) -> Response[Error | SuppressionResponse]:
    """Add a member suppression

     Creates a suppression for one of the member's identities. If `categoryId` is omitted the
    suppression is global for that identity. The identity is matched by `type` and `value`
    (emails case-insensitively); an identity the member does not have is added to the member.
    Suppressing the same identity and category again returns the existing suppression
    (idempotent). `404` for an unknown member (`member not found`) or a `categoryId` that names
    no category (`categoryId: category not found`).

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.
        body (AddSuppressionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SuppressionResponse]
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
    body: AddSuppressionRequest,
) -> Error | SuppressionResponse | None:
    """Add a member suppression

     Creates a suppression for one of the member's identities. If `categoryId` is omitted the
    suppression is global for that identity. The identity is matched by `type` and `value`
    (emails case-insensitively); an identity the member does not have is added to the member.
    Suppressing the same identity and category again returns the existing suppression
    (idempotent). `404` for an unknown member (`member not found`) or a `categoryId` that names
    no category (`categoryId: category not found`).

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.
        body (AddSuppressionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SuppressionResponse
    """

    return (
        await asyncio_detailed(
            external_user_id=external_user_id,
            client=client,
            body=body,
        )
    ).parsed
