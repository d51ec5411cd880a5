from __future__ import annotations

from typing import TypedDict

from ..types import UNSET, Field, Model, Unset


class AddSuppressionRequest(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        identity: SuppressionIdentityInput,
        category_id: str | Unset = UNSET,
    ) -> None:
        self._init(
            {
                "identity": identity,
                "categoryId": category_id,
            }
        )

    @property
    def identity(self) -> SuppressionIdentityInput:
        """The identity to suppress, matched by type and value."""
        value: SuppressionIdentityInput = self._get("identity")
        return value

    @property
    def category_id(self) -> str | Unset:
        """A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`)."""
        value: str | Unset = self._get("categoryId")
        return value


class AddSuppressionRequestDict(TypedDict, total=False):
    """``AddSuppressionRequest`` as a dict with the API's keys (every key optional here: the SDK checks what is required)."""

    identity: SuppressionIdentityInputDict | SuppressionIdentityInput
    categoryId: str


class AddSuppressionRequestFields(TypedDict, total=False):
    """The fields of ``AddSuppressionRequest`` as keyword arguments."""

    identity: SuppressionIdentityInputDict | SuppressionIdentityInput
    category_id: str


from ..models.suppression_identity_input import SuppressionIdentityInput, SuppressionIdentityInputDict  # noqa: E402

AddSuppressionRequest._open = False
AddSuppressionRequest._fields = {
    "identity": Field("identity", True, ("model", SuppressionIdentityInput)),
    "categoryId": Field("category_id", False, "str"),
}
