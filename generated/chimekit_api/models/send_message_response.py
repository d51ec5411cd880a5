from __future__ import annotations

from ..types import Field, Model


class SendMessageResponse(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        message: Message,
        delivery: Delivery | None,
        notification: None | Notification,
        audience_member: AudienceMemberRef,
    ) -> None:
        self._init(
            {
                "message": message,
                "delivery": delivery,
                "notification": notification,
                "audienceMember": audience_member,
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
    def audience_member(self) -> AudienceMemberRef:
        value: AudienceMemberRef = self._get("audienceMember")
        return value


from ..models.audience_member_ref import AudienceMemberRef  # noqa: E402
from ..models.delivery import Delivery  # noqa: E402
from ..models.message import Message  # noqa: E402
from ..models.notification import Notification  # noqa: E402

SendMessageResponse._open = True
SendMessageResponse._fields = {
    "message": Field("message", True, ("model", Message)),
    "delivery": Field("delivery", True, ("union", (("model", Delivery), "None"))),
    "notification": Field("notification", True, ("union", (("model", Notification), "None"))),
    "audienceMember": Field("audience_member", True, ("model", AudienceMemberRef)),
}
