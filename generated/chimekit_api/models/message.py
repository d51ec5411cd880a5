from __future__ import annotations

import datetime

from ..types import Field, Model


class Message(Model):
    """A stored message. `memberId` is ChimeKit's internal member id (`mem_…`)."""

    __slots__ = ()

    def __init__(
        self,
        *,
        id: str,
        member_id: str,
        category_id: str,
        source: str,
        template_id: None | str,
        template_version_id: None | str,
        payload: JsonObject,
        dispatch_status: str,
        scheduled_for: datetime.datetime | None,
        created_at: datetime.datetime,
    ) -> None:
        self._init(
            {
                "id": id,
                "memberId": member_id,
                "categoryId": category_id,
                "source": source,
                "templateId": template_id,
                "templateVersionId": template_version_id,
                "payload": payload,
                "dispatchStatus": dispatch_status,
                "scheduledFor": scheduled_for,
                "createdAt": created_at,
            }
        )

    @property
    def id(self) -> str:
        """The message id (`msg_…`)."""
        value: str = self._get("id")
        return value

    @property
    def member_id(self) -> str:
        """ChimeKit's internal member id (`mem_…`)."""
        value: str = self._get("memberId")
        return value

    @property
    def category_id(self) -> str:
        """The message's category id (`cat_…`)."""
        value: str = self._get("categoryId")
        return value

    @property
    def source(self) -> str:
        """Where the message came from. Known values - `sdk`, `workflow`. Accept any string."""
        value: str = self._get("source")
        return value

    @property
    def template_id(self) -> None | str:
        """The template sent, or null."""
        value: None | str = self._get("templateId")
        return value

    @property
    def template_version_id(self) -> None | str:
        """The template version sent, or null."""
        value: None | str = self._get("templateVersionId")
        return value

    @property
    def payload(self) -> JsonObject:
        """Arbitrary JSON object."""
        value: JsonObject = self._get("payload")
        return value

    @property
    def dispatch_status(self) -> str:
        """Known values - `dispatched`, `scheduled`, `failed`. Accept any string."""
        value: str = self._get("dispatchStatus")
        return value

    @property
    def scheduled_for(self) -> datetime.datetime | None:
        """When a scheduled message goes out, or null."""
        value: datetime.datetime | None = self._get("scheduledFor")
        return value

    @property
    def created_at(self) -> datetime.datetime:
        value: datetime.datetime = self._get("createdAt")
        return value


from ..models.json_object import JsonObject  # noqa: E402

Message._open = True
Message._fields = {
    "id": Field("id", True, "str"),
    "memberId": Field("member_id", True, "str"),
    "categoryId": Field("category_id", True, "str"),
    "source": Field("source", True, "str"),
    "templateId": Field("template_id", True, ("union", ("str", "None"))),
    "templateVersionId": Field("template_version_id", True, ("union", ("str", "None"))),
    "payload": Field("payload", True, "object"),
    "dispatchStatus": Field("dispatch_status", True, "str"),
    "scheduledFor": Field("scheduled_for", True, ("union", ("datetime", "None"))),
    "createdAt": Field("created_at", True, "datetime"),
}
