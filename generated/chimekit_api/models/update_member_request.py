from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateMemberRequest")


@_attrs_define
class UpdateMemberRequest:
    display_name: str | Unset = UNSET
    """ Updates the member's display name. """
    attributes: JsonObject | Unset = UNSET
    """ Arbitrary JSON object. """
    identities: list[IdentityInput] | Unset = UNSET
    """ Replaces the member's identities array (email identities are supported). """
    _wire_names: ClassVar[dict[str, str]] = {
        "displayName": "display_name",
        "attributes": "attributes",
        "identities": "identities",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        False,
        {
            "displayName": (False, "str"),
            "attributes": (False, ("model", "JsonObject")),
            "identities": (False, ("list", ("model", "IdentityInput"))),
        },
    )
    """ (additional properties allowed, {wire name: (required, type)}); see chimekit._validation. """

    def to_dict(self) -> dict[str, Any]:
        display_name = self.display_name

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        identities: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.identities, Unset):
            identities = []
            for identities_item_data in self.identities:
                identities_item = identities_item_data.to_dict()
                identities.append(identities_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if display_name is not UNSET:
            field_dict["displayName"] = display_name
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if identities is not UNSET:
            field_dict["identities"] = identities

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        display_name = d.pop("displayName", UNSET)

        _attributes = d.pop("attributes", UNSET)
        attributes: JsonObject | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = JsonObject.from_dict(_attributes)

        _identities = d.pop("identities", UNSET)
        identities: list[IdentityInput] | Unset = UNSET
        if _identities is not UNSET:
            identities = []
            for identities_item_data in _identities:
                identities_item = IdentityInput.from_dict(identities_item_data)

                identities.append(identities_item)

        update_member_request = cls(
            display_name=display_name,
            attributes=attributes,
            identities=identities,
        )

        return update_member_request

    def __getitem__(self, key: str) -> Any:
        """Reads a field by its wire (JSON) name, e.g. ``obj["createdAt"]``; fields unknown to this client too."""
        name = self._wire_names.get(key)
        if name is None:
            raise KeyError(key)
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


# Imported after the class: models refer to each other.
from ..models.identity_input import IdentityInput  # noqa: E402
from ..models.json_object import JsonObject  # noqa: E402
