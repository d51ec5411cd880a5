from __future__ import annotations

from ..types import Field, Model


class SuppressionListResponse(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        suppressions: list[Suppression],
    ) -> None:
        self._init(
            {
                "suppressions": suppressions,
            }
        )

    @property
    def suppressions(self) -> list[Suppression]:
        value: list[Suppression] = self._get("suppressions")
        return value


from ..models.suppression import Suppression  # noqa: E402

SuppressionListResponse._open = True
SuppressionListResponse._fields = {
    "suppressions": Field("suppressions", True, ("list", ("model", Suppression))),
}
