from __future__ import annotations

import datetime

from ..types import Field, Model


class Notification(Model):
    """The in-app notification created for a message."""

    __slots__ = ()

    def __init__(
        self,
        *,
        id: str,
        title: str,
        snippet: None | str,
        body: None | str,
        actions: list[JsonObject] | None,
        read_at: datetime.datetime | None,
        archived_at: datetime.datetime | None,
    ) -> None:
        self._init(
            {
                "id": id,
                "title": title,
                "snippet": snippet,
                "body": body,
                "actions": actions,
                "readAt": read_at,
                "archivedAt": archived_at,
            }
        )

    @property
    def id(self) -> str:
        """The notification id (`not_…`)."""
        value: str = self._get("id")
        return value

    @property
    def title(self) -> str:
        value: str = self._get("title")
        return value

    @property
    def snippet(self) -> None | str:
        value: None | str = self._get("snippet")
        return value

    @property
    def body(self) -> None | str:
        value: None | str = self._get("body")
        return value

    @property
    def actions(self) -> list[JsonObject] | None:
        value: list[JsonObject] | None = self._get("actions")
        return value

    @property
    def read_at(self) -> datetime.datetime | None:
        value: datetime.datetime | None = self._get("readAt")
        return value

    @property
    def archived_at(self) -> datetime.datetime | None:
        value: datetime.datetime | None = self._get("archivedAt")
        return value


from ..models.json_object import JsonObject  # noqa: E402

Notification._open = True
Notification._fields = {
    "id": Field("id", True, "str"),
    "title": Field("title", True, "str"),
    "snippet": Field("snippet", True, ("union", ("str", "None"))),
    "body": Field("body", True, ("union", ("str", "None"))),
    "actions": Field("actions", True, ("union", (("list", "object"), "None"))),
    "readAt": Field("read_at", True, ("union", ("datetime", "None"))),
    "archivedAt": Field("archived_at", True, ("union", ("datetime", "None"))),
}
