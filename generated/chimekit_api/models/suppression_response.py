from __future__ import annotations

from ..types import Field, Model


class SuppressionResponse(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        suppression: Suppression,
    ) -> None:
        self._init(
            {
                "suppression": suppression,
            }
        )

    @property
    def suppression(self) -> Suppression:
        """Prevents delivery to one identity, globally (`category` null) or for one category."""
        value: Suppression = self._get("suppression")
        return value


from ..models.suppression import Suppression  # noqa: E402

SuppressionResponse._open = True
SuppressionResponse._fields = {
    "suppression": Field("suppression", True, ("model", Suppression)),
}
