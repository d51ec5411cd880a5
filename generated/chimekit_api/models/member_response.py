from __future__ import annotations

from ..types import Field, Model


class MemberResponse(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        member: Member | None,
    ) -> None:
        self._init(
            {
                "member": member,
            }
        )

    @property
    def member(self) -> Member | None:
        """The member, or null if no active member exists."""
        value: Member | None = self._get("member")
        return value


from ..models.member import Member  # noqa: E402

MemberResponse._open = True
MemberResponse._fields = {
    "member": Field("member", True, ("union", (("model", Member), "None"))),
}
