from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict

from ..types import UNSET, Field, Model, Unset


class UpdateMemberRequest(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        display_name: str | Unset = UNSET,
        attributes: JsonObject | Unset = UNSET,
        identities: list[IdentityInput] | Unset = UNSET,
    ) -> None:
        self._init(
            {
                "displayName": display_name,
                "attributes": attributes,
                "identities": identities,
            }
        )

    @property
    def display_name(self) -> str | Unset:
        """Updates the member's display name."""
        value: str | Unset = self._get("displayName")
        return value

    @property
    def attributes(self) -> JsonObject | Unset:
        """Arbitrary JSON object."""
        value: JsonObject | Unset = self._get("attributes")
        return value

    @property
    def identities(self) -> list[IdentityInput] | Unset:
        """Replaces the member's identities array (email identities are supported)."""
        value: list[IdentityInput] | Unset = self._get("identities")
        return value


class UpdateMemberRequestDict(TypedDict, total=False):
    """``UpdateMemberRequest`` as a dict with the API's keys (every key optional here: the SDK checks what is required)."""

    displayName: str
    attributes: dict[str, Any]
    identities: Sequence[IdentityInputDict | IdentityInput]


class UpdateMemberRequestFields(TypedDict, total=False):
    """The fields of ``UpdateMemberRequest`` as keyword arguments."""

    display_name: str
    attributes: dict[str, Any]
    identities: Sequence[IdentityInputDict | IdentityInput]


from ..models.identity_input import IdentityInput, IdentityInputDict  # noqa: E402
from ..models.json_object import JsonObject  # noqa: E402

UpdateMemberRequest._open = False
UpdateMemberRequest._fields = {
    "displayName": Field("display_name", False, "str"),
    "attributes": Field("attributes", False, "object"),
    "identities": Field("identities", False, ("list", ("model", IdentityInput))),
}
