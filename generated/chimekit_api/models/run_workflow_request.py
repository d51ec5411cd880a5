from __future__ import annotations

from typing import Any, TypedDict

from ..types import UNSET, Field, Model, Unset


class RunWorkflowRequest(Model):
    __slots__ = ()

    def __init__(
        self,
        *,
        external_user_id: str,
        context: JsonObject | Unset = UNSET,
    ) -> None:
        self._init(
            {
                "externalUserId": external_user_id,
                "context": context,
            }
        )

    @property
    def external_user_id(self) -> str:
        """Your system's stable identifier for the end user: 1–256 characters from letters, digits
        and `_ - . @ + : = | ~`, not starting with `.`."""
        value: str = self._get("externalUserId")
        return value

    @property
    def context(self) -> JsonObject | Unset:
        """Arbitrary JSON object."""
        value: JsonObject | Unset = self._get("context")
        return value


class RunWorkflowRequestDict(TypedDict, total=False):
    """``RunWorkflowRequest`` as a dict with the API's keys (every key optional here: the SDK checks what is required)."""

    externalUserId: str
    context: dict[str, Any]


class RunWorkflowRequestFields(TypedDict, total=False):
    """The fields of ``RunWorkflowRequest`` as keyword arguments."""

    external_user_id: str
    context: dict[str, Any]


from ..models.json_object import JsonObject  # noqa: E402

RunWorkflowRequest._open = False
RunWorkflowRequest._fields = {
    "externalUserId": Field("external_user_id", True, "str"),
    "context": Field("context", False, "object"),
}
