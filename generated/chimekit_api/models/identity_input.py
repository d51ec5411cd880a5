from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define

from ..models.identity_input_type import IdentityInputType
from ..types import UNSET, Unset

T = TypeVar("T", bound="IdentityInput")


@_attrs_define
class IdentityInput:
    """A channel identity to attach to a member. Currently email identities are supported."""

    type_: IdentityInputType
    """ The identity's channel. Only `email` is accepted today. """
    value: str
    """ The address, e.g. `ava@example.com`. """
    verified: bool | Unset = UNSET
    """ Whether you have verified the address. Defaults to false. """
    _wire_names: ClassVar[dict[str, str]] = {
        "type": "type_",
        "value": "value",
        "verified": "verified",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        False,
        {
            "type": (True, ("enum", ("email",))),
            "value": (True, "str"),
            "verified": (False, "bool"),
        },
    )
    """ (additional properties allowed, {wire name: (required, type)}); see chimekit._validation. """

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        value = self.value

        verified = self.verified

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "value": value,
            }
        )
        if verified is not UNSET:
            field_dict["verified"] = verified

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = IdentityInputType(d.pop("type"))

        value = d.pop("value")

        verified = d.pop("verified", UNSET)

        identity_input = cls(
            type_=type_,
            value=value,
            verified=verified,
        )

        return identity_input

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
