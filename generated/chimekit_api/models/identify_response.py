from __future__ import annotations

from ..types import Field, Model


class IdentifyResponse(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        member: Member,
    ) -> None:
        self._init(
            {
                "member": member,
            }
        )

    @property
    def member(self) -> Member:
        """An audience member, as audience endpoints return it. `id` is your `externalUserId`."""
        value: Member = self._get("member")
        return value


from ..models.member import Member  # noqa: E402

IdentifyResponse._open = True
IdentifyResponse._fields = {
    "member": Field("member", True, ("model", Member)),
}
