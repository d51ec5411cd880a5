"""The ChimeKit Python SDK (facade over the generated ``chimekit_api`` client)."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
