from __future__ import annotations

import datetime

from ..types import Field, Model


class Member(Model):
    """An audience member, as audience endpoints return it. `id` is your `externalUserId`."""

    __slots__ = ()

    def __init__(
        self,
        *,
        id: str,
        email: None | str,
        display_name: None | str,
        identities: list[Identity],
        attributes: JsonObject,
        created: datetime.datetime,
        updated: datetime.datetime,
        deleted: datetime.datetime | None,
        last_seen: datetime.datetime | None,
    ) -> None:
        self._init(
            {
                "id": id,
                "email": email,
                "displayName": display_name,
                "identities": identities,
                "attributes": attributes,
                "created": created,
                "updated": updated,
                "deleted": deleted,
                "lastSeen": last_seen,
            }
        )

    @property
    def id(self) -> str:
        """The member's `externalUserId`."""
        value: str = self._get("id")
        return value

    @property
    def email(self) -> None | str:
        """The value of the member's first email identity, or null."""
        value: None | str = self._get("email")
        return value

    @property
    def display_name(self) -> None | str:
        """A human-friendly name for the member."""
        value: None | str = self._get("displayName")
        return value

    @property
    def identities(self) -> list[Identity]:
        """The member's channel identities."""
        value: list[Identity] = self._get("identities")
        return value

    @property
    def attributes(self) -> JsonObject:
        """Arbitrary JSON object."""
        value: JsonObject = self._get("attributes")
        return value

    @property
    def created(self) -> datetime.datetime:
        """When the member was first identified."""
        value: datetime.datetime = self._get("created")
        return value

    @property
    def updated(self) -> datetime.datetime:
        """When the member was last changed (an identify or update that changes nothing leaves it)."""
        value: datetime.datetime = self._get("updated")
        return value

    @property
    def deleted(self) -> datetime.datetime | None:
        """When the member was deleted, or null."""
        value: datetime.datetime | None = self._get("deleted")
        return value

    @property
    def last_seen(self) -> datetime.datetime | None:
        """When the member was last seen by a ChimeKit client, or null."""
        value: datetime.datetime | None = self._get("lastSeen")
        return value


from ..models.identity import Identity  # noqa: E402
from ..models.json_object import JsonObject  # noqa: E402

Member._open = True
Member._fields = {
    "id": Field("id", True, "str"),
    "email": Field("email", True, ("union", ("str", "None"))),
    "displayName": Field("display_name", True, ("union", ("str", "None"))),
    "identities": Field("identities", True, ("list", ("model", Identity))),
    "attributes": Field("attributes", True, "object"),
    "created": Field("created", True, "datetime"),
    "updated": Field("updated", True, "datetime"),
    "deleted": Field("deleted", True, ("union", ("datetime", "None"))),
    "lastSeen": Field("last_seen", True, ("union", ("datetime", "None"))),
}
