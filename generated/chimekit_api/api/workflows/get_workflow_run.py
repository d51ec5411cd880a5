from http import HTTPStatus
from typing import Any, cast

import httpx

from ...api import GET_WORKFLOW_RUN as OPERATION
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.workflow_run_response import WorkflowRunResponse
from ...types import Response


def _get_kwargs(
    run_id: str,
) -> dict[str, Any]:
    return OPERATION.request_kwargs(
        {
            "runId": run_id,
        },
        None,
        None,
    )


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | WorkflowRunResponse | None:
    parsed = OPERATION.parse_response(response, raise_on_unexpected_status=client.raise_on_unexpected_status)
    return cast("Error | WorkflowRunResponse | None", parsed)


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

     Returns metadata for a previously queued run, as it is now: its `status` moves from `queued`
    to `running` (`startedAt` set) to a final state (`finishedAt` set), see `WorkflowRun.status`.
    `404` for an unknown run id (`workflow run not found`). A GET of `/sdk/v1/workflows/runs/run`
    is this operation for the run id `run` (`runWorkflow` for the key `runs` is the POST to the
    same path).

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

     Returns metadata for a previously queued run, as it is now: its `status` moves from `queued`
    to `running` (`startedAt` set) to a final state (`finishedAt` set), see `WorkflowRun.status`.
    `404` for an unknown run id (`workflow run not found`). A GET of `/sdk/v1/workflows/runs/run`
    is this operation for the run id `run` (`runWorkflow` for the key `runs` is the POST to the
    same path).

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

     Returns metadata for a previously queued run, as it is now: its `status` moves from `queued`
    to `running` (`startedAt` set) to a final state (`finishedAt` set), see `WorkflowRun.status`.
    `404` for an unknown run id (`workflow run not found`). A GET of `/sdk/v1/workflows/runs/run`
    is this operation for the run id `run` (`runWorkflow` for the key `runs` is the POST to the
    same path).

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

     Returns metadata for a previously queued run, as it is now: its `status` moves from `queued`
    to `running` (`startedAt` set) to a final state (`finishedAt` set), see `WorkflowRun.status`.
    `404` for an unknown run id (`workflow run not found`). A GET of `/sdk/v1/workflows/runs/run`
    is this operation for the run id `run` (`runWorkflow` for the key `runs` is the POST to the
    same path).

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
