from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SendMessageRequest")


@_attrs_define
class SendMessageRequest:
    external_user_id: str
    """ Your system's stable identifier for the end user: 1–256 characters from letters, digits
    and `_ - . @ + : = | ~`, not starting with `.`.
     """
    content: ChannelContent | TemplateContent
    """ Either a template (`templateId`) or channels (`in_app` and/or `email`), not both. """
    category_id: str | Unset = UNSET
    """ A ChimeKit identifier (`sup_…`, `msg_…`, `wr_…`, `cat_…`). """
    _wire_names: ClassVar[dict[str, str]] = {
        "externalUserId": "external_user_id",
        "content": "content",
        "categoryId": "category_id",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        False,
        {
            "externalUserId": (True, "str"),
            "content": (
                True,
                (
                    "union",
                    (
                        ("model", "TemplateContent"),
                        ("model", "ChannelContent"),
                    ),
                ),
            ),
            "categoryId": (False, "str"),
        },
    )
    """ (additional properties allowed, {wire name: (required, type)}); see chimekit._validation. """

    def to_dict(self) -> dict[str, Any]:
        external_user_id = self.external_user_id

        content: dict[str, Any]
        if isinstance(self.content, TemplateContent):
            content = self.content.to_dict()
        else:
            content = self.content.to_dict()

        category_id = self.category_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "externalUserId": external_user_id,
                "content": content,
            }
        )
        if category_id is not UNSET:
            field_dict["categoryId"] = category_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        external_user_id = d.pop("externalUserId")

        def _parse_content(data: object) -> ChannelContent | TemplateContent:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_message_content_type_0 = TemplateContent.from_dict(data)

                return componentsschemas_message_content_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_message_content_type_1 = ChannelContent.from_dict(data)

            return componentsschemas_message_content_type_1

        content = _parse_content(d.pop("content"))

        category_id = d.pop("categoryId", UNSET)

        send_message_request = cls(
            external_user_id=external_user_id,
            content=content,
            category_id=category_id,
        )

        return send_message_request

    def __getitem__(self, key: str) -> Any:
        """Reads a field by its wire (JSON) name, e.g. ``obj["createdAt"]``; fields unknown to this client too."""
        name = self._wire_names.get(key)
        if name is None:
            raise KeyError(key)
        value = getattr(self, name)
        if isinstance(value, Unset):
            raise KeyError(key)
        return value

    def __contains__(self, key: str) -> bool:
        try:
            self[key]
        except KeyError:
            return False
        return True


# Imported after the class: models refer to each other.
from ..models.channel_content import ChannelContent  # noqa: E402
from ..models.template_content import TemplateContent  # noqa: E402
