from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RunWorkflowRequest")


@_attrs_define
class RunWorkflowRequest:
    external_user_id: str
    """ Your system's stable identifier for the end user: 1–256 characters from letters, digits
    and `_ - . @ + : = | ~`, not starting with `.`.
     """
    context: JsonObject | Unset = UNSET
    """ Arbitrary JSON object. """
    _wire_names: ClassVar[dict[str, str]] = {
        "externalUserId": "external_user_id",
        "context": "context",
    }
    """ Wire (JSON) name → attribute name, so ``obj["wireName"]`` reads a field. """
    _schema: ClassVar[tuple[bool, dict[str, tuple[bool, Any]]]] = (
        False,
        {
            "externalUserId": (True, "str"),
            "context": (False, ("model", "JsonObject")),
        },
    )
    """ (additional properties allowed, {wire name: (required, type)}); see chimekit._validation. """

    def to_dict(self) -> dict[str, Any]:
        external_user_id = self.external_user_id

        context: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context, Unset):
            context = self.context.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "externalUserId": external_user_id,
            }
        )
        if context is not UNSET:
            field_dict["context"] = context

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        external_user_id = d.pop("externalUserId")

        _context = d.pop("context", UNSET)
        context: JsonObject | Unset
        if isinstance(_context, Unset):
            context = UNSET
        else:
            context = JsonObject.from_dict(_context)

        run_workflow_request = cls(
            external_user_id=external_user_id,
            context=context,
        )

        return run_workflow_request

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
from ..models.json_object import JsonObject  # noqa: E402
