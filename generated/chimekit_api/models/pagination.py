from __future__ import annotations

from ..types import Field, Model


class Pagination(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        total_count: int,
        limit: int,
        offset: int,
    ) -> None:
        self._init(
            {
                "totalCount": total_count,
                "limit": limit,
                "offset": offset,
            }
        )

    @property
    def total_count(self) -> int:
        """All of the member's messages."""
        value: int = self._get("totalCount")
        return value

    @property
    def limit(self) -> int:
        value: int = self._get("limit")
        return value

    @property
    def offset(self) -> int:
        value: int = self._get("offset")
        return value


Pagination._open = True
Pagination._fields = {
    "totalCount": Field("total_count", True, "int"),
    "limit": Field("limit", True, "int"),
    "offset": Field("offset", True, "int"),
}
