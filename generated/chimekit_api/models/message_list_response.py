from __future__ import annotations

from ..types import Field, Model


class MessageListResponse(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        messages: list[MessageListItem],
        pagination: Pagination,
    ) -> None:
        self._init(
            {
                "messages": messages,
                "pagination": pagination,
            }
        )

    @property
    def messages(self) -> list[MessageListItem]:
        value: list[MessageListItem] = self._get("messages")
        return value

    @property
    def pagination(self) -> Pagination:
        value: Pagination = self._get("pagination")
        return value


from ..models.message_list_item import MessageListItem  # noqa: E402
from ..models.pagination import Pagination  # noqa: E402

MessageListResponse._open = True
MessageListResponse._fields = {
    "messages": Field("messages", True, ("list", ("model", MessageListItem))),
    "pagination": Field("pagination", True, ("model", Pagination)),
}
