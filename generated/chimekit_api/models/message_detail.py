from __future__ import annotations

from ..types import Field, Model


class MessageDetail(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        message: Message,
        delivery: Delivery | None,
        notification: None | Notification,
        recipient: Recipient,
    ) -> None:
        self._init(
            {
                "message": message,
                "delivery": delivery,
                "notification": notification,
                "recipient": recipient,
            }
        )

    @property
    def message(self) -> Message:
        """A stored message. `memberId` is ChimeKit's internal member id (`mem_…`)."""
        value: Message = self._get("message")
        return value

    @property
    def delivery(self) -> Delivery | None:
        value: Delivery | None = self._get("delivery")
        return value

    @property
    def notification(self) -> None | Notification:
        value: None | Notification = self._get("notification")
        return value

    @property
    def recipient(self) -> Recipient:
        """The member a message went to."""
        value: Recipient = self._get("recipient")
        return value


from ..models.delivery import Delivery  # noqa: E402
from ..models.message import Message  # noqa: E402
from ..models.notification import Notification  # noqa: E402
from ..models.recipient import Recipient  # noqa: E402

MessageDetail._open = True
MessageDetail._fields = {
    "message": Field("message", True, ("model", Message)),
    "delivery": Field("delivery", True, ("union", (("model", Delivery), "None"))),
    "notification": Field("notification", True, ("union", (("model", Notification), "None"))),
    "recipient": Field("recipient", True, ("model", Recipient)),
}
