from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict

from ..types import UNSET, Field, Model, Unset


class InAppManualContent(Model):
    """An in-app notification written out in the request."""

    __slots__ = ()

    def __init__(
        self,
        *,
        title: str,
        snippet: str | Unset = UNSET,
        body: str | Unset = UNSET,
        actions: list[JsonObject] | Unset = UNSET,
        variables: JsonObject | Unset = UNSET,
    ) -> None:
        self._init(
            {
                "title": title,
                "snippet": snippet,
                "body": body,
                "actions": actions,
                "variables": variables,
            }
        )

    @property
    def title(self) -> str:
        """The notification's title."""
        value: str = self._get("title")
        return value

    @property
    def snippet(self) -> str | Unset:
        """A short preview line."""
        value: str | Unset = self._get("snippet")
        return value

    @property
    def body(self) -> str | Unset:
        """The notification's body."""
        value: str | Unset = self._get("body")
        return value

    @property
    def actions(self) -> list[JsonObject] | Unset:
        """Buttons or links shown with the notification (free-form objects)."""
        value: list[JsonObject] | Unset = self._get("actions")
        return value

    @property
    def variables(self) -> JsonObject | Unset:
        """Arbitrary JSON object."""
        value: JsonObject | Unset = self._get("variables")
        return value


class InAppManualContentDict(TypedDict, total=False):
    """``InAppManualContent`` as a dict with the API's keys (every key optional here: the SDK checks what is required)."""

    title: str
    snippet: str
    body: str
    actions: Sequence[dict[str, Any]]
    variables: dict[str, Any]


class InAppManualContentFields(TypedDict, total=False):
    """The fields of ``InAppManualContent`` as keyword arguments."""

    title: str
    snippet: str
    body: str
    actions: Sequence[dict[str, Any]]
    variables: dict[str, Any]


from ..models.json_object import JsonObject  # noqa: E402

InAppManualContent._open = False
InAppManualContent._fields = {
    "title": Field("title", True, "str"),
    "snippet": Field("snippet", False, "str"),
    "body": Field("body", False, "str"),
    "actions": Field("actions", False, ("list", "object")),
    "variables": Field("variables", False, "object"),
}
