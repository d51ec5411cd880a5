from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.delivery import Delivery
    from ..models.message import Message
    from ..models.notification import Notification
    from ..models.recipient import Recipient


T = TypeVar("T", bound="MessageDetail")


@_attrs_define
class MessageDetail:
    message: Message
    """ A stored message. `memberId` is ChimeKit's internal member id (`mem_…`). """
    delivery: Delivery | None
    notification: None | Notification
    recipient: Recipient
    """ The member a message went to. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.delivery import Delivery  # noqa: PLC0415
        from ..models.notification import Notification  # noqa: PLC0415

        message = self.message.to_dict()

        delivery: dict[str, Any] | None
        if isinstance(self.delivery, Delivery):
            delivery = self.delivery.to_dict()
        else:
            delivery = self.delivery

        notification: dict[str, Any] | None
        if isinstance(self.notification, Notification):
            notification = self.notification.to_dict()
        else:
            notification = self.notification

        recipient = self.recipient.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "delivery": delivery,
                "notification": notification,
                "recipient": recipient,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.delivery import Delivery  # noqa: PLC0415
        from ..models.message import Message  # noqa: PLC0415
        from ..models.notification import Notification  # noqa: PLC0415
        from ..models.recipient import Recipient  # noqa: PLC0415

        d = dict(src_dict)
        message = Message.from_dict(d.pop("message"))

        def _parse_delivery(data: object) -> Delivery | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                delivery_type_0 = Delivery.from_dict(data)

                return delivery_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Delivery | None, data)

        delivery = _parse_delivery(d.pop("delivery"))

        def _parse_notification(data: object) -> None | Notification:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                notification_type_0 = Notification.from_dict(data)

                return notification_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Notification, data)

        notification = _parse_notification(d.pop("notification"))

        recipient = Recipient.from_dict(d.pop("recipient"))

        message_detail = cls(
            message=message,
            delivery=delivery,
            notification=notification,
            recipient=recipient,
        )

        message_detail.additional_properties = d
        return message_detail

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
