from __future__ import annotations

from ..types import Field, Model


class MessageListItem(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        message: MessageSummary,
        delivery: Delivery | None,
        recipient: Recipient,
        category: Category | None,
    ) -> None:
        self._init(
            {
                "message": message,
                "delivery": delivery,
                "recipient": recipient,
                "category": category,
            }
        )

    @property
    def message(self) -> MessageSummary:
        """A message as listed for a member."""
        value: MessageSummary = self._get("message")
        return value

    @property
    def delivery(self) -> Delivery | None:
        value: Delivery | None = self._get("delivery")
        return value

    @property
    def recipient(self) -> Recipient:
        """The member a message went to."""
        value: Recipient = self._get("recipient")
        return value

    @property
    def category(self) -> Category | None:
        value: Category | None = self._get("category")
        return value


from ..models.category import Category  # noqa: E402
from ..models.delivery import Delivery  # noqa: E402
from ..models.message_summary import MessageSummary  # noqa: E402
from ..models.recipient import Recipient  # noqa: E402

MessageListItem._open = True
MessageListItem._fields = {
    "message": Field("message", True, ("model", MessageSummary)),
    "delivery": Field("delivery", True, ("union", (("model", Delivery), "None"))),
    "recipient": Field("recipient", True, ("model", Recipient)),
    "category": Field("category", True, ("union", (("model", Category), "None"))),
}
