from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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

        def _parse_scheduled_for(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_for_type_0 = datetime.datetime.fromisoformat(data)

                return scheduled_for_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        scheduled_for = _parse_scheduled_for(d.pop("scheduledFor"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        def _parse_snippet(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        snippet = _parse_snippet(d.pop("snippet"))

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
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
