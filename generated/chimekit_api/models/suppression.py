from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Unset

T = TypeVar("T", bound="Suppression")


@_attrs_define
class Suppression:
    """Prevents delivery to one identity, globally (`category` null) or for one category."""

    id: str
    """ The suppression id (`sup_…`). """
    reason: str
    """ Why delivery is suppressed. Known values - `opt-out` (added through the API or by the
    member), `bounce`, `complaint`. Accept any string.
     """
    created_at: datetime.datetime
    updated_at: datetime.datetime
    identity: SuppressionIdentity
    """ The suppressed identity, as stored. """
    category: Category | None
    """ The category the suppression is limited to, or null for a global suppression. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_names: ClassVar[dict[str, str]] = {
        "id": "id",
        "reason": "reason",
        "createdAt": "created_at",
        "updatedAt": "updated_at",
        "identity": "identity",
        "category": "category",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        True,
        {
            "id": (True, "str"),
            "reason": (True, "str"),
            "createdAt": (True, "datetime"),
            "updatedAt": (True, "datetime"),
            "identity": (True, ("model", "SuppressionIdentity")),
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
        id = self.id

        reason = self.reason

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        identity = self.identity.to_dict()

        category: dict[str, Any] | None
        if isinstance(self.category, Category):
            category = self.category.to_dict()
        else:
            category = self.category

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "reason": reason,
                "createdAt": created_at,
                "updatedAt": updated_at,
                "identity": identity,
                "category": category,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        reason = d.pop("reason")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        identity = SuppressionIdentity.from_dict(d.pop("identity"))

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

        suppression = cls(
            id=id,
            reason=reason,
            created_at=created_at,
            updated_at=updated_at,
            identity=identity,
            category=category,
        )

        suppression.additional_properties = d
        return suppression

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
from ..models.suppression_identity import SuppressionIdentity  # noqa: E402
