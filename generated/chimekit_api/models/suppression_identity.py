from __future__ import annotations

from ..types import Field, Model


class SuppressionIdentity(Model):
    """The suppressed identity, as stored."""

    __slots__ = ()

    def __init__(
        self,
        *,
        id: str,
        type_: str,
        value: str,
        verified: bool,
        metadata: JsonObject | None,
    ) -> None:
        self._init(
            {
                "id": id,
                "type": type_,
                "value": value,
                "verified": verified,
                "metadata": metadata,
            }
        )

    @property
    def id(self) -> str:
        """The identity id (`aid_…`)."""
        value: str = self._get("id")
        return value

    @property
    def type_(self) -> str:
        """The identity's channel. Known values - `email`. Accept any string."""
        value: str = self._get("type")
        return value

    @property
    def value(self) -> str:
        """The address."""
        value: str = self._get("value")
        return value

    @property
    def verified(self) -> bool:
        """Whether the address is verified."""
        value: bool = self._get("verified")
        return value

    @property
    def metadata(self) -> JsonObject | None:
        """Channel-specific metadata, or null."""
        value: JsonObject | None = self._get("metadata")
        return value


from ..models.json_object import JsonObject  # noqa: E402

SuppressionIdentity._open = True
SuppressionIdentity._fields = {
    "id": Field("id", True, "str"),
    "type": Field("type_", True, "str"),
    "value": Field("value", True, "str"),
    "verified": Field("verified", True, "bool"),
    "metadata": Field("metadata", True, ("union", ("object", "None"))),
}
