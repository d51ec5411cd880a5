from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Unset

T = TypeVar("T", bound="SuppressionIdentity")


@_attrs_define
class SuppressionIdentity:
    """The suppressed identity, as stored."""

    id: str
    """ The identity id (`aid_…`). """
    type_: str
    """ The identity's channel. Known values - `email`. Accept any string. """
    value: str
    """ The address. """
    verified: bool
    """ Whether the address is verified. """
    metadata: JsonObject | None
    """ Channel-specific metadata, or null. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_names: ClassVar[dict[str, str]] = {
        "id": "id",
        "type": "type_",
        "value": "value",
        "verified": "verified",
        "metadata": "metadata",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        True,
        {
            "id": (True, "str"),
            "type": (True, "str"),
            "value": (True, "str"),
            "verified": (True, "bool"),
            "metadata": (
                True,
                (
                    "union",
                    (
                        ("model", "JsonObject"),
                        "None",
                    ),
                ),
            ),
        },
    )
    """ (additional properties allowed, {wire name: (required, type)}); see chimekit._validation. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_

        value = self.value

        verified = self.verified

        metadata: dict[str, Any] | None
        if isinstance(self.metadata, JsonObject):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "value": value,
                "verified": verified,
                "metadata": metadata,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        type_ = d.pop("type")

        value = d.pop("value")

        verified = d.pop("verified")

        metadata = d.pop("metadata")
        if metadata is not None:
            if not isinstance(metadata, dict):
                raise TypeError("metadata: expected JsonObject | None")
            try:
                metadata_type_0 = JsonObject.from_dict(metadata)

            except KeyError as exc:  # say where: "notification.snippet"
                raise KeyError(f"metadata.{exc.args[0]}") from None
            except (TypeError, ValueError) as exc:
                raise TypeError(f"metadata: {exc}") from None
            metadata = metadata_type_0

        suppression_identity = cls(
            id=id,
            type_=type_,
            value=value,
            verified=verified,
            metadata=metadata,
        )

        suppression_identity.additional_properties = d
        return suppression_identity

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
from ..models.json_object import JsonObject  # noqa: E402
