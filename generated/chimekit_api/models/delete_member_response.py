from __future__ import annotations

from ..types import Field, Model


class DeleteMemberResponse(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        id: None | str,
    ) -> None:
        self._init(
            {
                "id": id,
            }
        )

    @property
    def id(self) -> None | str:
        """The deleted member's `externalUserId`, or null if no active member existed."""
        value: None | str = self._get("id")
        return value


DeleteMemberResponse._open = True
DeleteMemberResponse._fields = {
    "id": Field("id", True, ("union", ("str", "None"))),
}
