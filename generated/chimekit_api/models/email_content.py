from __future__ import annotations

from typing import Any, TypedDict

from ..types import UNSET, Field, Model, Unset


class EmailContent(Model):
    """An email written out in the request."""

    __slots__ = ()

    def __init__(
        self,
        *,
        subject: str,
        body: str,
        variables: JsonObject | Unset = UNSET,
    ) -> None:
        self._init(
            {
                "subject": subject,
                "body": body,
                "variables": variables,
            }
        )

    @property
    def subject(self) -> str:
        """The subject line."""
        value: str = self._get("subject")
        return value

    @property
    def body(self) -> str:
        """The email body (HTML or plain text)."""
        value: str = self._get("body")
        return value

    @property
    def variables(self) -> JsonObject | Unset:
        """Arbitrary JSON object."""
        value: JsonObject | Unset = self._get("variables")
        return value


class EmailContentDict(TypedDict, total=False):
    """``EmailContent`` as a dict with the API's keys (every key optional here: the SDK checks what is required)."""

    subject: str
    body: str
    variables: dict[str, Any]


class EmailContentFields(TypedDict, total=False):
    """The fields of ``EmailContent`` as keyword arguments."""

    subject: str
    body: str
    variables: dict[str, Any]


from ..models.json_object import JsonObject  # noqa: E402

EmailContent._open = False
EmailContent._fields = {
    "subject": Field("subject", True, "str"),
    "body": Field("body", True, "str"),
    "variables": Field("variables", False, "object"),
}
