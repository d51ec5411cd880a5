from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.suppression_identity_input import SuppressionIdentityInput


T = TypeVar("T", bound="AddSuppressionRequest")


@_attrs_define
class AddSuppressionRequest:
    identity: SuppressionIdentityInput
    """ The identity to suppress, matched by type and value. """
    category_id: str | Unset = UNSET
    """ A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`). """

    def to_dict(self) -> dict[str, Any]:
        identity = self.identity.to_dict()

        category_id = self.category_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "identity": identity,
            }
        )
        if category_id is not UNSET:
            field_dict["categoryId"] = category_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.suppression_identity_input import SuppressionIdentityInput  # noqa: PLC0415

        d = dict(src_dict)
        identity = SuppressionIdentityInput.from_dict(d.pop("identity"))

        category_id = d.pop("categoryId", UNSET)

        add_suppression_request = cls(
            identity=identity,
            category_id=category_id,
        )

        return add_suppression_request
