from __future__ import annotations

from typing import TypedDict

from ..types import UNSET, Field, Model, Unset


class IdentityInput(Model):
    """A channel identity to attach to a member. Currently email identities are supported."""

    __slots__ = ()

    def __init__(
        self,
        *,
        type_: IdentityInputType | str,
        value: str,
        verified: bool | Unset = UNSET,
    ) -> None:
        self._init(
            {
                "type": type_,
                "value": value,
                "verified": verified,
            }
        )

    @property
    def type_(self) -> IdentityInputType | str:
        """The identity's channel. Only `email` is accepted today."""
        value: IdentityInputType | str = self._get("type")
        return value

    @property
    def value(self) -> str:
        """The address, e.g. `ava@example.com`."""
        value: str = self._get("value")
        return value

    @property
    def verified(self) -> bool | Unset:
        """Whether you have verified the address. Defaults to false."""
        value: bool | Unset = self._get("verified")
        return value


class IdentityInputDict(TypedDict, total=False):
    """``IdentityInput`` as a dict with the API's keys (every key optional here: the SDK checks what is required)."""

    type: str
    value: str
    verified: bool


class IdentityInputFields(TypedDict, total=False):
    """The fields of ``IdentityInput`` as keyword arguments."""

    type_: str
    value: str
    verified: bool


from ..models.identity_input_type import IdentityInputType  # noqa: E402

IdentityInput._open = False
IdentityInput._fields = {
    "type": Field("type_", True, ("enum", IdentityInputType)),
    "value": Field("value", True, "str"),
    "verified": Field("verified", False, "bool"),
}
