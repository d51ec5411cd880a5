from __future__ import annotations

from typing import TypedDict

from ..types import UNSET, Field, Model, Unset


class SendMessageRequest(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        external_user_id: str,
        content: ChannelContent | TemplateContent,
        category_id: str | Unset = UNSET,
    ) -> None:
        self._init(
            {
                "externalUserId": external_user_id,
                "content": content,
                "categoryId": category_id,
            }
        )

    @property
    def external_user_id(self) -> str:
        """Your system's stable identifier for the end user: 1–256 characters from letters, digits
        and `_ - . @ + : = | ~`, not starting with `.`."""
        value: str = self._get("externalUserId")
        return value

    @property
    def content(self) -> ChannelContent | TemplateContent:
        """Either a template (`templateId`) or channels (`in_app` and/or `email`), not both."""
        value: ChannelContent | TemplateContent = self._get("content")
        return value

    @property
    def category_id(self) -> str | Unset:
        """A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`)."""
        value: str | Unset = self._get("categoryId")
        return value


class SendMessageRequestDict(TypedDict, total=False):
    """``SendMessageRequest`` as a dict with the API's keys (every key optional here: the SDK checks what is required)."""

    externalUserId: str
    content: TemplateContentDict | TemplateContent | ChannelContentDict | ChannelContent
    categoryId: str


class SendMessageRequestFields(TypedDict, total=False):
    """The fields of ``SendMessageRequest`` as keyword arguments."""

    external_user_id: str
    content: TemplateContentDict | TemplateContent | ChannelContentDict | ChannelContent
    category_id: str


from ..models.channel_content import ChannelContent, ChannelContentDict  # noqa: E402
from ..models.template_content import TemplateContent, TemplateContentDict  # noqa: E402

SendMessageRequest._open = False
SendMessageRequest._fields = {
    "externalUserId": Field("external_user_id", True, "str"),
    "content": Field("content", True, ("union", (("model", TemplateContent), ("model", ChannelContent)))),
    "categoryId": Field("category_id", False, "str"),
}
