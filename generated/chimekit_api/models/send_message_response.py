from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Unset

T = TypeVar("T", bound="SendMessageResponse")


@_attrs_define
class SendMessageResponse:
    message: Message
    """ A stored message. `memberId` is ChimeKit's internal member id (`mem_…`). """
    delivery: Delivery | None
    notification: None | Notification
    audience_member: AudienceMemberRef
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_names: ClassVar[dict[str, str]] = {
        "message": "message",
        "delivery": "delivery",
        "notification": "notification",
        "audienceMember": "audience_member",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        True,
        {
            "message": (True, ("model", "Message")),
            "delivery": (
                True,
                (
                    "union",
                    (
                        ("model", "Delivery"),
                        "None",
                    ),
                ),
            ),
            "notification": (
                True,
                (
                    "union",
                    (
                        ("model", "Notification"),
                        "None",
                    ),
                ),
            ),
            "audienceMember": (True, ("model", "AudienceMemberRef")),
        },
    )
    """ (additional properties allowed, {wire name: (required, type)}); see chimekit._validation. """

    def to_dict(self) -> dict[str, Any]:
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

        audience_member = self.audience_member.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "delivery": delivery,
                "notification": notification,
                "audienceMember": audience_member,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message = Message.from_dict(d.pop("message"))

        delivery = d.pop("delivery")
        if delivery is not None:
            if not isinstance(delivery, dict):
                raise TypeError("delivery: expected Delivery | None")
            try:
                delivery_type_0 = Delivery.from_dict(delivery)

            except KeyError as exc:  # say where: "notification.snippet"
                raise KeyError(f"delivery.{exc.args[0]}") from None
            except (TypeError, ValueError) as exc:
                raise TypeError(f"delivery: {exc}") from None
            delivery = delivery_type_0

        notification = d.pop("notification")
        if notification is not None:
            if not isinstance(notification, dict):
                raise TypeError("notification: expected None | Notification")
            try:
                notification_type_0 = Notification.from_dict(notification)

            except KeyError as exc:  # say where: "notification.snippet"
                raise KeyError(f"notification.{exc.args[0]}") from None
            except (TypeError, ValueError) as exc:
                raise TypeError(f"notification: {exc}") from None
            notification = notification_type_0

        audience_member = AudienceMemberRef.from_dict(d.pop("audienceMember"))

        send_message_response = cls(
            message=message,
            delivery=delivery,
            notification=notification,
            audience_member=audience_member,
        )

        send_message_response.additional_properties = d
        return send_message_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        """Reads a field by its wire (JSON) name, e.g. ``obj["createdAt"]``; fields unknown to this client too."""
        name = self._wire_names.get(key)
        if name is None:
            return self.additional_properties[key]
        value = getattr(self, name)
        if isinstance(value, Unset):
            raise KeyError(key)
        return value

    def __contains__(self, key: str) -> bool:
        try:
            self[key]
        except KeyError:
            return False
        return True

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]


# Imported after the class: models refer to each other.
from ..models.audience_member_ref import AudienceMemberRef  # noqa: E402
from ..models.delivery import Delivery  # noqa: E402
from ..models.message import Message  # noqa: E402
from ..models.notification import Notification  # noqa: E402
