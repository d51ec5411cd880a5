from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Unset

if TYPE_CHECKING:
    from ..models.category import Category
    from ..models.delivery import Delivery
    from ..models.message_summary import MessageSummary
    from ..models.recipient import Recipient


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
        from ..models.category import Category  # noqa: PLC0415
        from ..models.delivery import Delivery  # noqa: PLC0415

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
        from ..models.category import Category  # noqa: PLC0415
        from ..models.delivery import Delivery  # noqa: PLC0415
        from ..models.message_summary import MessageSummary  # noqa: PLC0415
        from ..models.recipient import Recipient  # noqa: PLC0415

        d = dict(src_dict)
        message = MessageSummary.from_dict(d.pop("message"))

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
            raise TypeError("delivery: expected Delivery | None")

        delivery = _parse_delivery(d.pop("delivery"))

        recipient = Recipient.from_dict(d.pop("recipient"))

        def _parse_category(data: object) -> Category | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                category_type_0 = Category.from_dict(data)

                return category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            raise TypeError("category: expected Category | None")

        category = _parse_category(d.pop("category"))

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
