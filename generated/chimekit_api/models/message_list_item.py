from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Unset

T = TypeVar("T", bound="MessageListItem")


@_attrs_define
class MessageListItem:
    message: MessageSummary
    """ A message as listed for a member. """
    delivery: Delivery | None
    recipient: Recipient
    """ The member a message went to. """
    category: Category | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_names: ClassVar[dict[str, str]] = {
        "message": "message",
        "delivery": "delivery",
        "recipient": "recipient",
        "category": "category",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        True,
        {
            "message": (True, ("model", "MessageSummary")),
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
            "recipient": (True, ("model", "Recipient")),
            "category": (
                True,
                (
                    "union",
                    (
                        ("model", "Category"),
                        "None",
                    ),
                ),
            ),
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

        recipient = self.recipient.to_dict()

        category: dict[str, Any] | None
        if isinstance(self.category, Category):
            category = self.category.to_dict()
        else:
            category = self.category

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "delivery": delivery,
                "recipient": recipient,
                "category": category,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message = MessageSummary.from_dict(d.pop("message"))

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

        recipient = Recipient.from_dict(d.pop("recipient"))

        category = d.pop("category")
        if category is not None:
            if not isinstance(category, dict):
                raise TypeError("category: expected Category | None")
            try:
                category_type_0 = Category.from_dict(category)

            except KeyError as exc:  # say where: "notification.snippet"
                raise KeyError(f"category.{exc.args[0]}") from None
            except (TypeError, ValueError) as exc:
                raise TypeError(f"category: {exc}") from None
            category = category_type_0

        message_list_item = cls(
            message=message,
            delivery=delivery,
            recipient=recipient,
            category=category,
        )

        message_list_item.additional_properties = d
        return message_list_item

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
from ..models.category import Category  # noqa: E402
from ..models.delivery import Delivery  # noqa: E402
from ..models.message_summary import MessageSummary  # noqa: E402
from ..models.recipient import Recipient  # noqa: E402
