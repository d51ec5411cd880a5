from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
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
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/sdk/v1/workflows/{key}/run".format(
            key=quote(str(key), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | RunWorkflowResponse | None:
    if response.status_code == 200:
        response_200 = RunWorkflowResponse.from_dict(response.json())

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
    `context` is merged into the run context, to which the server adds `apiKeyId`.

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
    `context` is merged into the run context, to which the server adds `apiKeyId`.

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
    `context` is merged into the run context, to which the server adds `apiKeyId`.

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
    `context` is merged into the run context, to which the server adds `apiKeyId`.

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
