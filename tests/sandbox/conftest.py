from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from chimekit_sandbox import RunningSandbox, create_app

SECRET = "sk_test_in_process"
# One TLS context for every client: httpx builds a new one (~50 ms) per Client otherwise.
SSL_CONTEXT = httpx.create_ssl_context()


# Runs and deliveries stay in each state for an hour unless a test moves the clock (chimekit_sandbox.advance):
# what a test reads right after a write never depends on how fast the machine is.
STEP_SECONDS = 3600.0


@pytest.fixture
def chimekit_step_seconds() -> float:
    return STEP_SECONDS


@pytest.fixture
def api(chimekit_sandbox: RunningSandbox) -> Iterator[httpx.Client]:
    """Real HTTP on loopback against a fresh sandbox, authorised."""
    headers = {"Authorization": f"Bearer {chimekit_sandbox.secret_key}"}
    with httpx.Client(
        base_url=chimekit_sandbox.url + "/sdk/v1", headers=headers, timeout=10, verify=SSL_CONTEXT
    ) as client:
        yield client


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def asgi_api() -> AsyncIterator[httpx.AsyncClient]:
    """The app in process (no socket), authorised."""
    app = create_app(secret_key=SECRET)
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {SECRET}"}
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox/sdk/v1", headers=headers) as client:
        yield client
    app.close()


def identify(api: httpx.Client, external_user_id: str = "user_123", **fields: Any) -> dict[str, Any]:
    response = api.post("/audience/identify", json={"externalUserId": external_user_id, **fields})
    assert response.status_code == 200, response.text
    member: dict[str, Any] = response.json()["member"]
    return member


def email(value: str, *, verified: bool | None = None) -> dict[str, Any]:
    identity: dict[str, Any] = {"type": "email", "value": value}
    if verified is not None:
        identity["verified"] = verified
    return identity
