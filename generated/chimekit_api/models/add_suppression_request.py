from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AddSuppressionRequest")


@_attrs_define
class AddSuppressionRequest:
    identity: SuppressionIdentityInput
    """ The identity to suppress, matched by type and value. """
    category_id: str | Unset = UNSET
    """ A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`). """
    _wire_names: ClassVar[dict[str, str]] = {
        "identity": "identity",
        "categoryId": "category_id",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        False,
        {
            "identity": (True, ("model", "SuppressionIdentityInput")),
            "categoryId": (False, "str"),
        },
    )
    """ (additional properties allowed, {wire name: (required, type)}); see chimekit._validation. """

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
        d = dict(src_dict)
        identity = SuppressionIdentityInput.from_dict(d.pop("identity"))

        category_id = d.pop("categoryId", UNSET)

        add_suppression_request = cls(
            identity=identity,
            category_id=category_id,
        )

        return add_suppression_request

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
from ..models.suppression_identity_input import SuppressionIdentityInput  # noqa: E402
