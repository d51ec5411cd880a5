from __future__ import annotations

from ..types import Field, Model


class GetMessageResponse(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        message: MessageDetail,
    ) -> None:
        self._init(
            {
                "message": message,
            }
        )

    @property
    def message(self) -> MessageDetail:
        value: MessageDetail = self._get("message")
        return value


from ..models.message_detail import MessageDetail  # noqa: E402

GetMessageResponse._open = True
GetMessageResponse._fields = {
    "message": Field("message", True, ("model", MessageDetail)),
}
