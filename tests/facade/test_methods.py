"""Methods look like methods at runtime: name, signature, docstring, tracebacks and help(), sync and async."""

from __future__ import annotations

import inspect
import pydoc
import traceback
from typing import Any

import anyio
import chimekit
import chimekit.resources.messages
import pytest
from chimekit import AsyncChimeKit, ChimeKit

PLAIN: Any = pydoc.plaintext  # type: ignore[attr-defined]  # pydoc's text renderer, not in its stubs


@pytest.mark.parametrize("client_class", [ChimeKit, AsyncChimeKit])
def test_every_method_has_its_name_signature_and_docstring(client_class: type) -> None:
    ck = client_class("sk_test")
    for namespace, name in [
        ("audience", "find_member"),
        ("audience", "suppress"),
        ("messages", "send_message"),
        ("messages", "list_messages_for_user"),
        ("workflow", "run"),
    ]:
        method = getattr(getattr(ck, namespace), name)
        assert method.__name__ == name
        assert method.__qualname__ == f"{type(getattr(ck, namespace)).__name__}.{name}"
        assert method.__doc__
        assert inspect.iscoroutinefunction(method) is (client_class is AsyncChimeKit)
    signature = inspect.signature(ck.audience.suppress)
    assert list(signature.parameters)[:3] == ["external_user_id", "data", "identity"]
    assert {"category_id", "timeout", "extra_headers", "extra_query", "extra_body"} <= set(signature.parameters)
    assert signature.parameters["identity"].kind is inspect.Parameter.KEYWORD_ONLY
    assert "limit" in inspect.signature(ck.messages.list_messages_for_user).parameters
    assert ck.identify.__name__ == "identify"


def test_a_traceback_names_the_method() -> None:
    ck = ChimeKit("sk_test")
    with pytest.raises(chimekit.ValidationError) as err:
        ck.audience.find_member("..")
    frames = [frame.name for frame in traceback.extract_tb(err.value.__traceback__)]
    assert "find_member" in frames

    async def go() -> None:
        await AsyncChimeKit("sk_test").messages.get_message("")

    with pytest.raises(chimekit.ValidationError) as async_err:
        anyio.run(go)
    assert "get_message" in [frame.name for frame in traceback.extract_tb(async_err.value.__traceback__)]


def test_help_lists_the_namespaces_and_their_methods() -> None:
    text = pydoc.render_doc(ChimeKit, renderer=PLAIN)
    for word in (
        "audience",
        "messages",
        "workflow",
        "find_member",
        "send_message",
        "iter_messages_for_user",
        "get_run",
    ):
        assert word in text
    messages = pydoc.render_doc(chimekit.resources.messages.Messages, renderer=PLAIN)
    assert "send_message(self, external_user_id: 'str', data: " in messages
    assert "Send a message" in messages
    assert "async" not in pydoc.render_doc(ChimeKit, renderer=PLAIN).split("Namespaces")[0].lower()
