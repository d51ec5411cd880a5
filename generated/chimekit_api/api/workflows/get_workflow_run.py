from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.workflow_run_response import WorkflowRunResponse
from ...types import Response


def _get_kwargs(
    run_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/sdk/v1/workflows/runs/{run_id}".format(
            run_id=quote(str(run_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | WorkflowRunResponse | None:
    if response.status_code == 200:
        response_200 = WorkflowRunResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | WorkflowRunResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    run_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | WorkflowRunResponse]:
    """Get a workflow run

     Returns metadata for a previously queued run. `404` for an unknown run id
    (`workflow run not found`). A GET of `/sdk/v1/workflows/runs/run` is this operation for the
    run id `run` (`runWorkflow` for the key `runs` is the POST to the same path).

    Args:
        run_id (str): A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | WorkflowRunResponse]
    """

    kwargs = _get_kwargs(
        run_id=run_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    run_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | WorkflowRunResponse | None:
    """Get a workflow run

     Returns metadata for a previously queued run. `404` for an unknown run id
    (`workflow run not found`). A GET of `/sdk/v1/workflows/runs/run` is this operation for the
    run id `run` (`runWorkflow` for the key `runs` is the POST to the same path).

    Args:
        run_id (str): A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | WorkflowRunResponse
    """

    return sync_detailed(
        run_id=run_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    run_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | WorkflowRunResponse]:
    """Get a workflow run

     Returns metadata for a previously queued run. `404` for an unknown run id
    (`workflow run not found`). A GET of `/sdk/v1/workflows/runs/run` is this operation for the
    run id `run` (`runWorkflow` for the key `runs` is the POST to the same path).

    Args:
        run_id (str): A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | WorkflowRunResponse]
    """

    kwargs = _get_kwargs(
        run_id=run_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    run_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | WorkflowRunResponse | None:
    """Get a workflow run

     Returns metadata for a previously queued run. `404` for an unknown run id
    (`workflow run not found`). A GET of `/sdk/v1/workflows/runs/run` is this operation for the
    run id `run` (`runWorkflow` for the key `runs` is the POST to the same path).

    Args:
        run_id (str): A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | WorkflowRunResponse
    """

    return (
        await asyncio_detailed(
            run_id=run_id,
            client=client,
        )
    ).parsed
