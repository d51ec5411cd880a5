from __future__ import annotations

from ..types import Field, Model


class Identity(Model):
    """A channel identity of a member."""

    __slots__ = ()

    def __init__(
        self,
        *,
        type_: str,
        value: str,
        verified: bool,
    ) -> None:
        self._init(
            {
                "type": type_,
                "value": value,
                "verified": verified,
            }
        )

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


Identity._open = True
Identity._fields = {
    "type": Field("type_", True, "str"),
    "value": Field("value", True, "str"),
    "verified": Field("verified", True, "bool"),
}
