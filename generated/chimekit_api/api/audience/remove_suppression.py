from http import HTTPStatus
from typing import Any, cast

import httpx

from ...api import REMOVE_SUPPRESSION as OPERATION
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    external_user_id: str,
    suppression_id: str,
) -> dict[str, Any]:
    return OPERATION.request_kwargs(
        {
            "externalUserId": external_user_id,
            "suppressionId": suppression_id,
        },
        None,
        None,
    )


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | None:
    parsed = OPERATION.parse_response(response, raise_on_unexpected_status=client.raise_on_unexpected_status)
    return cast("Any | Error | None", parsed)


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    external_user_id: str,
    suppression_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error]:
    """Remove a member suppression

     Removes a suppression by id. The response body is empty on success. `404` when the member
    is unknown or has no suppression with that id (so removing twice is a `404`).

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.
        suppression_id (str): A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        external_user_id=external_user_id,
        suppression_id=suppression_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    external_user_id: str,
    suppression_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | None:
    """Remove a member suppression

     Removes a suppression by id. The response body is empty on success. `404` when the member
    is unknown or has no suppression with that id (so removing twice is a `404`).

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.
        suppression_id (str): A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        external_user_id=external_user_id,
        suppression_id=suppression_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    external_user_id: str,
    suppression_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error]:
    """Remove a member suppression

     Removes a suppression by id. The response body is empty on success. `404` when the member
    is unknown or has no suppression with that id (so removing twice is a `404`).

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.
        suppression_id (str): A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        external_user_id=external_user_id,
        suppression_id=suppression_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    external_user_id: str,
    suppression_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | None:
    """Remove a member suppression

     Removes a suppression by id. The response body is empty on success. `404` when the member
    is unknown or has no suppression with that id (so removing twice is a `404`).

    Args:
        external_user_id (str): Your system's stable identifier for the end user: 1–256 characters
            from letters, digits
            and `_ - . @ + : = | ~`, not starting with `.`.
        suppression_id (str): A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return (
        await asyncio_detailed(
            external_user_id=external_user_id,
            suppression_id=suppression_id,
            client=client,
        )
    ).parsed
