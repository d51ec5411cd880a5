from http import HTTPStatus
from typing import Any, cast

import httpx

from ...api import RUN_WORKFLOW as OPERATION
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.run_workflow_request import RunWorkflowRequest
from ...models.run_workflow_response import RunWorkflowResponse
from ...types import Response


def _get_kwargs(
    key: str,
    *,
    body: RunWorkflowRequest,
) -> dict[str, Any]:
    return OPERATION.request_kwargs(
        {
            "key": key,
        },
        None,
        body,
    )


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | RunWorkflowResponse | None:
    parsed = OPERATION.parse_response(response, raise_on_unexpected_status=client.raise_on_unexpected_status)
    return cast("Error | RunWorkflowResponse | None", parsed)


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | RunWorkflowResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    key: str,
    *,
    client: AuthenticatedClient | Client,
    body: RunWorkflowRequest,
) -> Response[Error | RunWorkflowResponse]:
    """Run a workflow

     Queues a workflow run for an existing audience member. `404` for an unknown member
    (`member not found`). The `key` is not looked up when the run is queued, so any well-formed
    key is accepted (never a `404`). The key `runs` makes the path `/sdk/v1/workflows/runs/run`,
    which is this operation for POST only (a GET there is `getWorkflowRun` for the run id `run`).
    `context` is merged into the run context, to which the server adds `apiKeyId`. The answer is
    the run as created (`queued`); the run then moves on by itself (`running`, then a final state:
    see `WorkflowRun.status`), which `getWorkflowRun` shows. The sandbox server takes
    `--step-seconds` (0.2 s by default) per step, and ends a run whose context holds
    `"sandbox": {"fail": true}` as `failed`.

    Args:
        key (str): A workflow key, e.g. `welcome-sequence`.
        body (RunWorkflowRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RunWorkflowResponse]
    """

    kwargs = _get_kwargs(
        key=key,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    key: str,
    *,
    client: AuthenticatedClient | Client,
    body: RunWorkflowRequest,
) -> Error | RunWorkflowResponse | None:
    """Run a workflow

     Queues a workflow run for an existing audience member. `404` for an unknown member
    (`member not found`). The `key` is not looked up when the run is queued, so any well-formed
    key is accepted (never a `404`). The key `runs` makes the path `/sdk/v1/workflows/runs/run`,
    which is this operation for POST only (a GET there is `getWorkflowRun` for the run id `run`).
    `context` is merged into the run context, to which the server adds `apiKeyId`. The answer is
    the run as created (`queued`); the run then moves on by itself (`running`, then a final state:
    see `WorkflowRun.status`), which `getWorkflowRun` shows. The sandbox server takes
    `--step-seconds` (0.2 s by default) per step, and ends a run whose context holds
    `"sandbox": {"fail": true}` as `failed`.

    Args:
        key (str): A workflow key, e.g. `welcome-sequence`.
        body (RunWorkflowRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RunWorkflowResponse
    """

    return sync_detailed(
        key=key,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    key: str,
    *,
    client: AuthenticatedClient | Client,
    body: RunWorkflowRequest,
) -> Response[Error | RunWorkflowResponse]:
    """Run a workflow

     Queues a workflow run for an existing audience member. `404` for an unknown member
    (`member not found`). The `key` is not looked up when the run is queued, so any well-formed
    key is accepted (never a `404`). The key `runs` makes the path `/sdk/v1/workflows/runs/run`,
    which is this operation for POST only (a GET there is `getWorkflowRun` for the run id `run`).
    `context` is merged into the run context, to which the server adds `apiKeyId`. The answer is
    the run as created (`queued`); the run then moves on by itself (`running`, then a final state:
    see `WorkflowRun.status`), which `getWorkflowRun` shows. The sandbox server takes
    `--step-seconds` (0.2 s by default) per step, and ends a run whose context holds
    `"sandbox": {"fail": true}` as `failed`.

    Args:
        key (str): A workflow key, e.g. `welcome-sequence`.
        body (RunWorkflowRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | RunWorkflowResponse]
    """

    kwargs = _get_kwargs(
        key=key,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    key: str,
    *,
    client: AuthenticatedClient | Client,
    body: RunWorkflowRequest,
) -> Error | RunWorkflowResponse | None:
    """Run a workflow

     Queues a workflow run for an existing audience member. `404` for an unknown member
    (`member not found`). The `key` is not looked up when the run is queued, so any well-formed
    key is accepted (never a `404`). The key `runs` makes the path `/sdk/v1/workflows/runs/run`,
    which is this operation for POST only (a GET there is `getWorkflowRun` for the run id `run`).
    `context` is merged into the run context, to which the server adds `apiKeyId`. The answer is
    the run as created (`queued`); the run then moves on by itself (`running`, then a final state:
    see `WorkflowRun.status`), which `getWorkflowRun` shows. The sandbox server takes
    `--step-seconds` (0.2 s by default) per step, and ends a run whose context holds
    `"sandbox": {"fail": true}` as `failed`.

    Args:
        key (str): A workflow key, e.g. `welcome-sequence`.
        body (RunWorkflowRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | RunWorkflowResponse
    """

    return (
        await asyncio_detailed(
            key=key,
            client=client,
            body=body,
        )
    ).parsed
