"""A local, stateful ChimeKit server implementing openapi/chimekit.yaml."""

from __future__ import annotations

__all__: list[str] = []
