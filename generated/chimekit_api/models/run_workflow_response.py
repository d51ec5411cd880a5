from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import Unset

T = TypeVar("T", bound="RunWorkflowResponse")


@_attrs_define
class RunWorkflowResponse:
    run_id: str
    """ The run id (`wr_…`). """
    status: str
    """ The run's status when created. Known values - `queued`. Accept any string. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _wire_names: ClassVar[dict[str, str]] = {
        "runId": "run_id",
        "status": "status",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        True,
        {
            "runId": (True, "str"),
            "status": (True, "str"),
        },
    )
    """ (additional properties allowed, {wire name: (required, type)}); see chimekit._validation. """

    def to_dict(self) -> dict[str, Any]:
        run_id = self.run_id

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "runId": run_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        run_id = d.pop("runId")

        status = d.pop("status")

        run_workflow_response = cls(
            run_id=run_id,
            status=status,
        )

        run_workflow_response.additional_properties = d
        return run_workflow_response

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
