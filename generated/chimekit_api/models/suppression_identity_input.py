from __future__ import annotations

from typing import TypedDict

from ..types import Field, Model


class SuppressionIdentityInput(Model):
    """The identity to suppress, matched by type and value."""

    __slots__ = ()

    def __init__(
        self,
        *,
        type_: SuppressionIdentityInputType | str,
        value: str,
    ) -> None:
        self._init(
            {
                "type": type_,
                "value": value,
            }
        )

    @property
    def type_(self) -> SuppressionIdentityInputType | str:
        """The identity's channel. Only `email` is accepted today."""
        value: SuppressionIdentityInputType | str = self._get("type")
        return value

    @property
    def value(self) -> str:
        """The address."""
        value: str = self._get("value")
        return value


class SuppressionIdentityInputDict(TypedDict, total=False):
    """``SuppressionIdentityInput`` as a dict with the API's keys (every key optional here: the SDK checks what is required)."""

    type: str
    value: str


class SuppressionIdentityInputFields(TypedDict, total=False):
    """The fields of ``SuppressionIdentityInput`` as keyword arguments."""

    type_: str
    value: str


from ..models.suppression_identity_input_type import SuppressionIdentityInputType  # noqa: E402

SuppressionIdentityInput._open = False
SuppressionIdentityInput._fields = {
    "type": Field("type_", True, ("enum", SuppressionIdentityInputType)),
    "value": Field("value", True, "str"),
}
