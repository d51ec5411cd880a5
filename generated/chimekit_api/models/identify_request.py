from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict

from ..types import UNSET, Field, Model, Unset


class IdentifyRequest(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        external_user_id: str,
        display_name: str | Unset = UNSET,
        attributes: JsonObject | Unset = UNSET,
        identities: list[IdentityInput] | Unset = UNSET,
    ) -> None:
        self._init(
            {
                "externalUserId": external_user_id,
                "displayName": display_name,
                "attributes": attributes,
                "identities": identities,
            }
        )

    @property
    def external_user_id(self) -> str:
        """Your system's stable identifier for the end user: 1–256 characters from letters, digits
        and `_ - . @ + : = | ~`, not starting with `.`."""
        value: str = self._get("externalUserId")
        return value

    @property
    def display_name(self) -> str | Unset:
        """A human-friendly name for the member."""
        value: str | Unset = self._get("displayName")
        return value

    @property
    def attributes(self) -> JsonObject | Unset:
        """Arbitrary JSON object."""
        value: JsonObject | Unset = self._get("attributes")
        return value

    @property
    def identities(self) -> list[IdentityInput] | Unset:
        """Channel identities for the member (replace the stored ones). Currently email."""
        value: list[IdentityInput] | Unset = self._get("identities")
        return value


class IdentifyRequestDict(TypedDict, total=False):
    """``IdentifyRequest`` as a dict with the API's keys (every key optional here: the SDK checks what is required)."""

    externalUserId: str
    displayName: str
    attributes: dict[str, Any]
    identities: Sequence[IdentityInputDict | IdentityInput]


class IdentifyRequestFields(TypedDict, total=False):
    """The fields of ``IdentifyRequest`` as keyword arguments."""

    external_user_id: str
    display_name: str
    attributes: dict[str, Any]
    identities: Sequence[IdentityInputDict | IdentityInput]


from ..models.identity_input import IdentityInput, IdentityInputDict  # noqa: E402
from ..models.json_object import JsonObject  # noqa: E402

IdentifyRequest._open = False
IdentifyRequest._fields = {
    "externalUserId": Field("external_user_id", True, "str"),
    "displayName": Field("display_name", False, "str"),
    "attributes": Field("attributes", False, "object"),
    "identities": Field("identities", False, ("list", ("model", IdentityInput))),
}
