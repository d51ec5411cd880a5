from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _load_runner() -> ModuleType:
    """contract/run_contract.py: the one schemathesis invocation, shared with `make contract`."""
    spec = importlib.util.spec_from_file_location("run_contract", ROOT / "contract" / "run_contract.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("run_contract", module)
    spec.loader.exec_module(module)
    return module


run_contract = _load_runner()
