"""Every method, sync and async (examples/chimekit_usage.py), against the real sandbox: same calls, same results."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from chimekit import AsyncChimeKit, ChimeKit

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
import chimekit_usage

EXPECTED = [
    "identify {user} Ava Example",
    "identify(audience) pro",
    "find_member Ava Example",
    "update_member Ava (Updated)",
    "suppress opt-out ava@example.com",
    "list_suppressions 1",
    "remove_suppression 0",
    "send_message Welcome!",
    "get_message {user}",
    "list_messages_for_user 1",
    "iter_messages_for_user 1",
    "run queued get_run welcome-sequence",
    "delete_member {user}",
    "NotFoundError 404 member not found",
    "extras True 200 Ava",
]


def test_every_method_through_chimekit(sandbox: Any) -> None:
    with ChimeKit(secret_key=sandbox.secret_key, base_url=sandbox.url) as ck:
        seen = chimekit_usage.run_sync(ck, "every_sync")
    assert seen == [line.format(user="every_sync") for line in EXPECTED]


@pytest.mark.anyio
async def test_every_method_through_async_chimekit(sandbox: Any) -> None:
    async with AsyncChimeKit(secret_key=sandbox.secret_key, base_url=sandbox.url) as ck:
        seen = await chimekit_usage.run_async(ck, "every_async")
    assert seen == [line.format(user="every_async") for line in EXPECTED]


def test_iter_messages_for_user_walks_every_page(sandbox: Any) -> None:
    with ChimeKit(secret_key=sandbox.secret_key, base_url=sandbox.url) as ck:
        ck.identify("pager")
        sent = [ck.messages.send_message("pager", content={"in_app": {"title": f"n{i}"}}) for i in range(5)]
        items = list(ck.messages.iter_messages_for_user("pager", page_size=2))
        assert [item["message"]["id"] for item in items] == [s.message.id for s in reversed(sent)]
        page = ck.messages.list_messages_for_user("pager", {"limit": 2, "offset": 4})
        assert (page["pagination"]["totalCount"], len(page["messages"])) == (5, 1)


@pytest.mark.anyio
async def test_async_iter_messages_for_user_walks_every_page(sandbox: Any) -> None:
    async with AsyncChimeKit(secret_key=sandbox.secret_key, base_url=sandbox.url) as ck:
        await ck.identify("apager")
        for i in range(3):
            await ck.messages.send_message("apager", content={"in_app": {"title": f"n{i}"}})
        titles = [item.message.snippet async for item in ck.messages.iter_messages_for_user("apager", page_size=2)]
        assert len(titles) == 3


def test_a_wrong_secret_key_is_an_authentication_error(sandbox: Any) -> None:
    import chimekit

    with (
        ChimeKit(secret_key="sk_wrong", base_url=sandbox.url) as ck,
        pytest.raises(chimekit.AuthenticationError) as err,
    ):
        ck.audience.find_member("user_123")
    assert err.value.status_code == 401
    assert err.value.request_id
    assert "sk_wrong" not in str(err.value)


def test_the_server_400_names_the_field_the_client_cannot_check(sandbox: Any) -> None:
    import chimekit

    with ChimeKit(secret_key=sandbox.secret_key, base_url=sandbox.url) as ck:
        with pytest.raises(chimekit.BadRequestError) as err:
            ck.identify("bad id with spaces")
        assert err.value.message.startswith("externalUserId")
