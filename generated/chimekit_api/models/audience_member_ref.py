from __future__ import annotations

from ..types import Field, Model


class AudienceMemberRef(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        id: str,
    ) -> None:
        self._init(
            {
                "id": id,
            }
        )

    @property
    def id(self) -> str:
        """ChimeKit's internal member id (`mem_…`)."""
        value: str = self._get("id")
        return value


AudienceMemberRef._open = True
AudienceMemberRef._fields = {
    "id": Field("id", True, "str"),
}
