from __future__ import annotations

from ..types import Field, Model


class Recipient(Model):
    """The member a message went to."""

    __slots__ = ()

    def __init__(
        self,
        *,
        id: str,
        external_user_id: str,
        display_name: None | str,
        email: None | str,
    ) -> None:
        self._init(
            {
                "id": id,
                "externalUserId": external_user_id,
                "displayName": display_name,
                "email": email,
            }
        )

    @property
    def id(self) -> str:
        """ChimeKit's internal member id (`mem_…`)."""
        value: str = self._get("id")
        return value

    @property
    def external_user_id(self) -> str:
        value: str = self._get("externalUserId")
        return value

    @property
    def display_name(self) -> None | str:
        value: None | str = self._get("displayName")
        return value

    @property
    def email(self) -> None | str:
        value: None | str = self._get("email")
        return value


Recipient._open = True
Recipient._fields = {
    "id": Field("id", True, "str"),
    "externalUserId": Field("external_user_id", True, "str"),
    "displayName": Field("display_name", True, ("union", ("str", "None"))),
    "email": Field("email", True, ("union", ("str", "None"))),
}
