"""``iter_messages_for_user`` walks every page of the real sandbox: each message once, none skipped, however many
messages arrive meanwhile (newest first, offset paging), sync and async."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import anyio
import chimekit
import httpx
import pytest
from chimekit import AsyncChimeKit, ChimeKit

CONTENT: Any = {"in_app": {"title": "Hi"}}


@pytest.fixture(scope="module")
def ck(sandbox: Any) -> Iterator[ChimeKit]:
    with ChimeKit(secret_key=sandbox.secret_key, base_url=sandbox.url) as client:
        yield client


def _member_with_messages(ck: ChimeKit, member: str, count: int) -> list[str]:
    ck.identify(member)
    for _ in range(count):
        ck.messages.send_message(member, content=CONTENT)
    page = ck.messages.list_messages_for_user(member, limit=100)
    return [item.message.id for item in page.messages]


def test_every_message_once_while_new_ones_arrive(ck: ChimeKit) -> None:
    existing = _member_with_messages(ck, "paging-sync", 25)
    seen = []
    for item in ck.messages.iter_messages_for_user("paging-sync", page_size=10):
        seen.append(item.message.id)
        if len(seen) in (5, 15):  # three new messages arrive twice, while pages are read
            for _ in range(3):
                ck.messages.send_message("paging-sync", content=CONTENT)
    assert len(seen) == len(set(seen))  # none twice
    assert set(existing) <= set(seen)  # none that existed skipped
    assert seen[: len(existing)] == existing  # newest first


def test_every_message_once_while_new_ones_arrive_async(sandbox: Any, ck: ChimeKit) -> None:
    existing = _member_with_messages(ck, "paging-async", 12)

    async def go() -> list[str]:
        seen = []
        async with AsyncChimeKit(secret_key=sandbox.secret_key, base_url=sandbox.url) as ack:
            async for item in ack.messages.iter_messages_for_user("paging-async", page_size=5):
                seen.append(item.message.id)
                if len(seen) == 3:
                    for _ in range(4):
                        await ack.messages.send_message("paging-async", content=CONTENT)
        return seen

    seen = anyio.run(go)
    assert len(seen) == len(set(seen)) == len(existing)
    assert seen == existing


def test_pages_stay_within_the_servers_largest_page(ck: ChimeKit) -> None:
    """A page size beyond the spec's maximum pages within it instead of getting a 400; by default too."""
    existing = _member_with_messages(ck, "paging-big", 3)
    assert [item.message.id for item in ck.messages.iter_messages_for_user("paging-big", page_size=500)] == existing
    assert [item.message.id for item in ck.messages.iter_messages_for_user("paging-big")] == existing
    with pytest.raises(chimekit.ValidationError, match="page_size"):
        ck.messages.iter_messages_for_user("paging-big", page_size=0)


def test_a_page_that_breaks_the_contract_is_a_response_validation_error() -> None:
    """A page without its total (or with a total that is not a number) is the SDK's documented error, naming
    the field, not a KeyError or TypeError from inside the pager."""
    pagination: dict[str, Any] = {"limit": 100, "offset": 0}
    page = {"messages": [], "pagination": pagination}

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=page)

    with ChimeKit("sk_test", http_client=httpx.Client(transport=httpx.MockTransport(answer))) as ck:
        with pytest.raises(chimekit.APIResponseValidationError, match=r"pagination\.totalCount"):
            list(ck.messages.iter_messages_for_user("user_123"))
        pagination["totalCount"] = "many"
        with pytest.raises(chimekit.APIResponseValidationError, match=r"pagination\.totalCount"):
            list(ck.messages.iter_messages_for_user("user_123"))
