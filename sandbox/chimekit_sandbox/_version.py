from __future__ import annotations

__version__ = "0.1.0"
"""The sandbox and the chimekit SDK are released together, at one version (tests/packaging checks it)."""
