from __future__ import annotations

from ..types import Field, Model


class Error(Model):
    """The body of every error response."""

    __slots__ = ()

    def __init__(
        self,
        *,
        error: str,
    ) -> None:
        self._init(
            {
                "error": error,
            }
        )

    @property
    def error(self) -> str:
        """A human-readable message; validation errors start with the field's path."""
        value: str = self._get("error")
        return value


Error._open = True
Error._fields = {
    "error": Field("error", True, "str"),
}
