from __future__ import annotations

import datetime

from ..types import Field, Model


class Delivery(Model):
    """An out-of-app delivery (e.g. an email) created for a message."""

    __slots__ = ()

    def __init__(
        self,
        *,
        id: str,
        channel: str,
        status: str,
        to: None | str,
        created_at: datetime.datetime,
    ) -> None:
        self._init(
            {
                "id": id,
                "channel": channel,
                "status": status,
                "to": to,
                "createdAt": created_at,
            }
        )

    @property
    def id(self) -> str:
        """The delivery id (`dlv_…`)."""
        value: str = self._get("id")
        return value

    @property
    def channel(self) -> str:
        """Known values - `email`. Accept any string."""
        value: str = self._get("channel")
        return value

    @property
    def status(self) -> str:
        """Known values - `queued`, `sent`, `delivered`, `suppressed`, `failed`. Accept any string.
        An email delivery goes `queued` → `sent` → `delivered` as the provider handles it; a
        `suppressed` or `failed` delivery stays so. Reads show the status it has now."""
        value: str = self._get("status")
        return value

    @property
    def to(self) -> None | str:
        """The address delivered to, or null when the member has none."""
        value: None | str = self._get("to")
        return value

    @property
    def created_at(self) -> datetime.datetime:
        value: datetime.datetime = self._get("createdAt")
        return value


Delivery._open = True
Delivery._fields = {
    "id": Field("id", True, "str"),
    "channel": Field("channel", True, "str"),
    "status": Field("status", True, "str"),
    "to": Field("to", True, ("union", ("str", "None"))),
    "createdAt": Field("created_at", True, "datetime"),
}
