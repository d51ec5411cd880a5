from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Unset

T = TypeVar("T", bound="MessageSummary")


@_attrs_define
class MessageSummary:
    """A message as listed for a member."""

    id: str
    member_id: str
    """ ChimeKit's internal member id (`mem_…`). """
    category_id: str
    source: str
    """ Known values - `sdk`, `workflow`. Accept any string. """
    dispatch_status: str
    """ Known values - `dispatched`, `scheduled`, `failed`. Accept any string. """
    scheduled_for: datetime.datetime | None
    created_at: datetime.datetime
    snippet: None | str
    """ The in-app snippet, or null. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_names: ClassVar[dict[str, str]] = {
        "id": "id",
        "memberId": "member_id",
        "categoryId": "category_id",
        "source": "source",
        "dispatchStatus": "dispatch_status",
        "scheduledFor": "scheduled_for",
        "createdAt": "created_at",
        "snippet": "snippet",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        True,
        {
            "id": (True, "str"),
            "memberId": (True, "str"),
            "categoryId": (True, "str"),
            "source": (True, "str"),
            "dispatchStatus": (True, "str"),
            "scheduledFor": (
                True,
                (
                    "union",
                    (
                        "datetime",
                        "None",
                    ),
                ),
            ),
            "createdAt": (True, "datetime"),
            "snippet": (
                True,
                (
                    "union",
                    (
                        "str",
                        "None",
                    ),
                ),
            ),
        },
    )
    """ (additional properties allowed, {wire name: (required, type)}); see chimekit._validation. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        member_id = self.member_id

        category_id = self.category_id

        source = self.source

        dispatch_status = self.dispatch_status

        scheduled_for: None | str
        if isinstance(self.scheduled_for, datetime.datetime):
            scheduled_for = self.scheduled_for.isoformat()
        else:
            scheduled_for = self.scheduled_for

        created_at = self.created_at.isoformat()

        snippet: None | str
        snippet = self.snippet

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "memberId": member_id,
                "categoryId": category_id,
                "source": source,
                "dispatchStatus": dispatch_status,
                "scheduledFor": scheduled_for,
                "createdAt": created_at,
                "snippet": snippet,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        member_id = d.pop("memberId")

        category_id = d.pop("categoryId")

        source = d.pop("source")

        dispatch_status = d.pop("dispatchStatus")

        scheduled_for = d.pop("scheduledFor")
        if scheduled_for is not None:
            if not isinstance(scheduled_for, str):
                raise TypeError("scheduledFor: expected datetime.datetime | None")
            try:
                scheduled_for_type_0 = datetime.datetime.fromisoformat(scheduled_for)

            except KeyError as exc:  # say where: "notification.snippet"
                raise KeyError(f"scheduledFor.{exc.args[0]}") from None
            except (TypeError, ValueError) as exc:
                raise TypeError(f"scheduledFor: {exc}") from None
            scheduled_for = scheduled_for_type_0

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        snippet = d.pop("snippet")
        if not (snippet is None or isinstance(snippet, (str,))):
            raise TypeError("snippet: expected None | str")

        message_summary = cls(
            id=id,
            member_id=member_id,
            category_id=category_id,
            source=source,
            dispatch_status=dispatch_status,
            scheduled_for=scheduled_for,
            created_at=created_at,
            snippet=snippet,
        )

        message_summary.additional_properties = d
        return message_summary

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        """Reads a field by its wire (JSON) name, e.g. ``obj["createdAt"]``; fields unknown to this client too."""
        name = self._wire_names.get(key)
        if name is None:
            return self.additional_properties[key]
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

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]
