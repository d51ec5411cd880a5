from __future__ import annotations

from ..types import Field, Model


class Category(Model):
    """A message category (e.g. Product, Billing); suppressions can target one."""

    __slots__ = ()

    def __init__(
        self,
        *,
        id: str,
        name: str,
    ) -> None:
        self._init(
            {
                "id": id,
                "name": name,
            }
        )

    @property
    def id(self) -> str:
        """The category id (`cat_…`)."""
        value: str = self._get("id")
        return value

    @property
    def name(self) -> str:
        """The category's display name."""
        value: str = self._get("name")
        return value


Category._open = True
Category._fields = {
    "id": Field("id", True, "str"),
    "name": Field("name", True, "str"),
}
