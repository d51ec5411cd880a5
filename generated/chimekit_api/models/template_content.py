from __future__ import annotations

from typing import Any, TypedDict

from ..types import UNSET, Field, Model, Unset


class TemplateContent(Model):
    """Send a template as-is."""

    __slots__ = ()

    def __init__(
        self,
        *,
        template_id: str,
        template_version_id: str | Unset = UNSET,
        variables: JsonObject | Unset = UNSET,
    ) -> None:
        self._init(
            {
                "templateId": template_id,
                "templateVersionId": template_version_id,
                "variables": variables,
            }
        )

    @property
    def template_id(self) -> str:
        """A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`)."""
        value: str = self._get("templateId")
        return value

    @property
    def template_version_id(self) -> str | Unset:
        """A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`)."""
        value: str | Unset = self._get("templateVersionId")
        return value

    @property
    def variables(self) -> JsonObject | Unset:
        """Arbitrary JSON object."""
        value: JsonObject | Unset = self._get("variables")
        return value


class TemplateContentDict(TypedDict, total=False):
    """``TemplateContent`` as a dict with the API's keys (every key optional here: the SDK checks what is required)."""

    templateId: str
    templateVersionId: str
    variables: dict[str, Any]


class TemplateContentFields(TypedDict, total=False):
    """The fields of ``TemplateContent`` as keyword arguments."""

    template_id: str
    template_version_id: str
    variables: dict[str, Any]


from ..models.json_object import JsonObject  # noqa: E402

TemplateContent._open = False
TemplateContent._fields = {
    "templateId": Field("template_id", True, "str"),
    "templateVersionId": Field("template_version_id", False, "str"),
    "variables": Field("variables", False, "object"),
}
