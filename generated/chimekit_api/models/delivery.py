from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Unset

T = TypeVar("T", bound="Delivery")


@_attrs_define
class Delivery:
    """An out-of-app delivery (e.g. an email) created for a message."""

    id: str
    """ The delivery id (`dlv_…`). """
    channel: str
    """ Known values - `email`. Accept any string. """
    status: str
    """ Known values - `queued`, `sent`, `delivered`, `suppressed`, `failed`. Accept any string.
    An email delivery goes `queued` → `sent` → `delivered` as the provider handles it; a
    `suppressed` or `failed` delivery stays so. Reads show the status it has now.
     """
    to: None | str
    """ The address delivered to, or null when the member has none. """
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_names: ClassVar[dict[str, str]] = {
        "id": "id",
        "channel": "channel",
        "status": "status",
        "to": "to",
        "createdAt": "created_at",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        True,
        {
            "id": (True, "str"),
            "channel": (True, "str"),
            "status": (True, "str"),
            "to": (
                True,
                (
                    "union",
                    (
                        "str",
                        "None",
                    ),
                ),
            ),
            "createdAt": (True, "datetime"),
        },
    )
    """ (additional properties allowed, {wire name: (required, type)}); see chimekit._validation. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        channel = self.channel

        status = self.status

        to: None | str
        to = self.to

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "channel": channel,
                "status": status,
                "to": to,
                "createdAt": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        channel = d.pop("channel")

        status = d.pop("status")

        to = d.pop("to")
        if not (to is None or isinstance(to, (str,))):
            raise TypeError("to: expected None | str")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        delivery = cls(
            id=id,
            channel=channel,
            status=status,
            to=to,
            created_at=created_at,
        )

        delivery.additional_properties = d
        return delivery

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
