from __future__ import annotations

import datetime

from ..types import Field, Model


class MessageSummary(Model):
    """A message as listed for a member."""

    __slots__ = ()

    def __init__(
        self,
        *,
        id: str,
        member_id: str,
        category_id: str,
        source: str,
        dispatch_status: str,
        scheduled_for: datetime.datetime | None,
        created_at: datetime.datetime,
        snippet: None | str,
    ) -> None:
        self._init(
            {
                "id": id,
                "memberId": member_id,
                "categoryId": category_id,
                "source": source,
                "dispatchStatus": dispatch_status,
                "scheduledFor": scheduled_for,
                "createdAt": created_at,
                "snippet": snippet,
            }
        )

    @property
    def id(self) -> str:
        value: str = self._get("id")
        return value

    @property
    def member_id(self) -> str:
        """ChimeKit's internal member id (`mem_…`)."""
        value: str = self._get("memberId")
        return value

    @property
    def category_id(self) -> str:
        value: str = self._get("categoryId")
        return value

    @property
    def source(self) -> str:
        """Known values - `sdk`, `workflow`. Accept any string."""
        value: str = self._get("source")
        return value

    @property
    def dispatch_status(self) -> str:
        """Known values - `dispatched`, `scheduled`, `failed`. Accept any string."""
        value: str = self._get("dispatchStatus")
        return value

    @property
    def scheduled_for(self) -> datetime.datetime | None:
        value: datetime.datetime | None = self._get("scheduledFor")
        return value

    @property
    def created_at(self) -> datetime.datetime:
        value: datetime.datetime = self._get("createdAt")
        return value

    @property
    def snippet(self) -> None | str:
        """The in-app snippet, or null."""
        value: None | str = self._get("snippet")
        return value


MessageSummary._open = True
MessageSummary._fields = {
    "id": Field("id", True, "str"),
    "memberId": Field("member_id", True, "str"),
    "categoryId": Field("category_id", True, "str"),
    "source": Field("source", True, "str"),
    "dispatchStatus": Field("dispatch_status", True, "str"),
    "scheduledFor": Field("scheduled_for", True, ("union", ("datetime", "None"))),
    "createdAt": Field("created_at", True, "datetime"),
    "snippet": Field("snippet", True, ("union", ("str", "None"))),
}
