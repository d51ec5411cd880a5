"""The package logger, ``logging.getLogger("chimekit")``; ``CHIMEKIT_LOG=debug`` sends it to stderr."""

from __future__ import annotations

import logging
import os

from ._constants import ENV_LOG

logger = logging.getLogger("chimekit")


def setup_logging() -> None:
    """Honour ``CHIMEKIT_LOG`` (``debug`` or ``info``) once, at import."""
    level = os.environ.get(ENV_LOG, "").upper()
    if level in ("DEBUG", "INFO") and not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(level)
