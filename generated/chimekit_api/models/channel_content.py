from __future__ import annotations

from typing import Any, TypedDict

from ..types import UNSET, Field, Model, Unset


class ChannelContent(Model):
    """One or more channels; at least one of `in_app` and `email` (`variables` alone is not content)."""

    __slots__ = ()

    def __init__(
        self,
        *,
        in_app: InAppManualContent | TemplateReference | Unset = UNSET,
        email: EmailContent | Unset = UNSET,
        variables: JsonObject | Unset = UNSET,
    ) -> None:
        self._init(
            {
                "in_app": in_app,
                "email": email,
                "variables": variables,
            }
        )

    @property
    def in_app(self) -> InAppManualContent | TemplateReference | Unset:
        """In-app content, written out (`title`, …) or a template reference (`templateId`)."""
        value: InAppManualContent | TemplateReference | Unset = self._get("in_app")
        return value

    @property
    def email(self) -> EmailContent | Unset:
        """An email written out in the request."""
        value: EmailContent | Unset = self._get("email")
        return value

    @property
    def variables(self) -> JsonObject | Unset:
        """Arbitrary JSON object."""
        value: JsonObject | Unset = self._get("variables")
        return value


class ChannelContentDict(TypedDict, total=False):
    """``ChannelContent`` as a dict with the API's keys (every key optional here: the SDK checks what is required)."""

    in_app: InAppManualContentDict | InAppManualContent | TemplateReferenceDict | TemplateReference
    email: EmailContentDict | EmailContent
    variables: dict[str, Any]


class ChannelContentFields(TypedDict, total=False):
    """The fields of ``ChannelContent`` as keyword arguments."""

    in_app: InAppManualContentDict | InAppManualContent | TemplateReferenceDict | TemplateReference
    email: EmailContentDict | EmailContent
    variables: dict[str, Any]


from ..models.email_content import EmailContent, EmailContentDict  # noqa: E402
from ..models.in_app_manual_content import InAppManualContent, InAppManualContentDict  # noqa: E402
from ..models.json_object import JsonObject  # noqa: E402
from ..models.template_reference import TemplateReference, TemplateReferenceDict  # noqa: E402

ChannelContent._open = False
ChannelContent._fields = {
    "in_app": Field("in_app", False, ("union", (("model", InAppManualContent), ("model", TemplateReference)))),
    "email": Field("email", False, ("model", EmailContent)),
    "variables": Field("variables", False, "object"),
}
