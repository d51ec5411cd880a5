from __future__ import annotations

import datetime

from ..types import Field, Model


class Suppression(Model):
    """Prevents delivery to one identity, globally (`category` null) or for one category."""

    __slots__ = ()

    def __init__(
        self,
        *,
        id: str,
        reason: str,
        created_at: datetime.datetime,
        updated_at: datetime.datetime,
        identity: SuppressionIdentity,
        category: Category | None,
    ) -> None:
        self._init(
            {
                "id": id,
                "reason": reason,
                "createdAt": created_at,
                "updatedAt": updated_at,
                "identity": identity,
                "category": category,
            }
        )

    @property
    def id(self) -> str:
        """The suppression id (`sup_…`)."""
        value: str = self._get("id")
        return value

    @property
    def reason(self) -> str:
        """Why delivery is suppressed. Known values - `opt-out` (added through the API or by the
        member), `bounce`, `complaint`. Accept any string."""
        value: str = self._get("reason")
        return value

    @property
    def created_at(self) -> datetime.datetime:
        value: datetime.datetime = self._get("createdAt")
        return value

    @property
    def updated_at(self) -> datetime.datetime:
        value: datetime.datetime = self._get("updatedAt")
        return value

    @property
    def identity(self) -> SuppressionIdentity:
        """The suppressed identity, as stored."""
        value: SuppressionIdentity = self._get("identity")
        return value

    @property
    def category(self) -> Category | None:
        """The category the suppression is limited to, or null for a global suppression."""
        value: Category | None = self._get("category")
        return value


from ..models.category import Category  # noqa: E402
from ..models.suppression_identity import SuppressionIdentity  # noqa: E402

Suppression._open = True
Suppression._fields = {
    "id": Field("id", True, "str"),
    "reason": Field("reason", True, "str"),
    "createdAt": Field("created_at", True, "datetime"),
    "updatedAt": Field("updated_at", True, "datetime"),
    "identity": Field("identity", True, ("model", SuppressionIdentity)),
    "category": Field("category", True, ("union", (("model", Category), "None"))),
}
