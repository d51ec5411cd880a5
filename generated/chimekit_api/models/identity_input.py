from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

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
