from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.suppression_identity_input_type import SuppressionIdentityInputType

T = TypeVar("T", bound="SuppressionIdentityInput")


@_attrs_define
class SuppressionIdentityInput:
    """The identity to suppress, matched by type and value."""

    type_: SuppressionIdentityInputType
    """ The identity's channel. Only `email` is accepted today. """
    value: str
    """ The address. """

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = SuppressionIdentityInputType(d.pop("type"))

        value = d.pop("value")

        suppression_identity_input = cls(
            type_=type_,
            value=value,
        )

        return suppression_identity_input
