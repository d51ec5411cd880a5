from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Unset

T = TypeVar("T", bound="Member")


@_attrs_define
class Member:
    """An audience member, as audience endpoints return it. `id` is your `externalUserId`."""

    id: str
    """ The member's `externalUserId`. """
    email: None | str
    """ The value of the member's first email identity, or null. """
    display_name: None | str
    """ A human-friendly name for the member. """
    identities: list[Identity]
    """ The member's channel identities. """
    attributes: JsonObject
    """ Arbitrary JSON object. """
    created: datetime.datetime
    """ When the member was first identified. """
    updated: datetime.datetime
    """ When the member was last changed (an identify or update that changes nothing leaves it). """
    deleted: datetime.datetime | None
    """ When the member was deleted, or null. """
    last_seen: datetime.datetime | None
    """ When the member was last seen by a ChimeKit client, or null. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_names: ClassVar[dict[str, str]] = {
        "id": "id",
        "email": "email",
        "displayName": "display_name",
        "identities": "identities",
        "attributes": "attributes",
        "created": "created",
        "updated": "updated",
        "deleted": "deleted",
        "lastSeen": "last_seen",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        True,
        {
            "id": (True, "str"),
            "email": (
                True,
                (
                    "union",
                    (
                        "str",
                        "None",
                    ),
                ),
            ),
            "displayName": (
                True,
                (
                    "union",
                    (
                        "str",
                        "None",
                    ),
                ),
            ),
            "identities": (True, ("list", ("model", "Identity"))),
            "attributes": (True, ("model", "JsonObject")),
            "created": (True, "datetime"),
            "updated": (True, "datetime"),
            "deleted": (
                True,
                (
                    "union",
                    (
                        "datetime",
                        "None",
                    ),
                ),
            ),
            "lastSeen": (
                True,
                (
                    "union",
                    (
                        "datetime",
                        "None",
                    ),
                ),
            ),
        },
    )
    """ (additional properties allowed, {wire name: (required, type)}); see chimekit._validation. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        email: None | str
        email = self.email

        display_name: None | str
        display_name = self.display_name

        identities = []
        for identities_item_data in self.identities:
            identities_item = identities_item_data.to_dict()
            identities.append(identities_item)

        attributes = self.attributes.to_dict()

        created = self.created.isoformat()

        updated = self.updated.isoformat()

        deleted: None | str
        if isinstance(self.deleted, datetime.datetime):
            deleted = self.deleted.isoformat()
        else:
            deleted = self.deleted

        last_seen: None | str
        if isinstance(self.last_seen, datetime.datetime):
            last_seen = self.last_seen.isoformat()
        else:
            last_seen = self.last_seen

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "email": email,
                "displayName": display_name,
                "identities": identities,
                "attributes": attributes,
                "created": created,
                "updated": updated,
                "deleted": deleted,
                "lastSeen": last_seen,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        email = d.pop("email")
        if not (email is None or isinstance(email, (str,))):
            raise TypeError("email: expected None | str")

        display_name = d.pop("displayName")
        if not (display_name is None or isinstance(display_name, (str,))):
            raise TypeError("displayName: expected None | str")

        identities = []
        _identities = d.pop("identities")
        for identities_item_data in _identities:
            identities_item = Identity.from_dict(identities_item_data)

            identities.append(identities_item)

        attributes = JsonObject.from_dict(d.pop("attributes"))

        created = datetime.datetime.fromisoformat(d.pop("created"))

        updated = datetime.datetime.fromisoformat(d.pop("updated"))

        deleted = d.pop("deleted")
        if deleted is not None:
            if not isinstance(deleted, str):
                raise TypeError("deleted: expected datetime.datetime | None")
            try:
                deleted_type_0 = datetime.datetime.fromisoformat(deleted)

            except KeyError as exc:  # say where: "notification.snippet"
                raise KeyError(f"deleted.{exc.args[0]}") from None
            except (TypeError, ValueError) as exc:
                raise TypeError(f"deleted: {exc}") from None
            deleted = deleted_type_0

        last_seen = d.pop("lastSeen")
        if last_seen is not None:
            if not isinstance(last_seen, str):
                raise TypeError("lastSeen: expected datetime.datetime | None")
            try:
                last_seen_type_0 = datetime.datetime.fromisoformat(last_seen)

            except KeyError as exc:  # say where: "notification.snippet"
                raise KeyError(f"lastSeen.{exc.args[0]}") from None
            except (TypeError, ValueError) as exc:
                raise TypeError(f"lastSeen: {exc}") from None
            last_seen = last_seen_type_0

        member = cls(
            id=id,
            email=email,
            display_name=display_name,
            identities=identities,
            attributes=attributes,
            created=created,
            updated=updated,
            deleted=deleted,
            last_seen=last_seen,
        )

        member.additional_properties = d
        return member

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
from ..models.identity import Identity  # noqa: E402
from ..models.json_object import JsonObject  # noqa: E402
