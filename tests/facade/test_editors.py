"""What editors see of the SDK: Jedi (IPython, Jupyter, editors in Jedi mode) and pyright (Pylance) infer
the results of sync, async and raw calls, complete a result's fields and a method's keywords, show one plain
signature, and flag a wrong keyword or a misspelt body key by name."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jedi
import pytest

from tests.conftest import ROOT

HEAD = "from chimekit import AsyncChimeKit, ChimeKit\nck = ChimeKit()\nack = AsyncChimeKit()\n"
PYRIGHT = ROOT / "tools" / "pyright" / "node_modules" / ".bin" / "pyright"


def _script(code: str) -> jedi.Script:
    project = jedi.Project(ROOT, added_sys_path=[str(ROOT / "generated"), str(ROOT / "overlay")])
    return jedi.Script(HEAD + code, project=project, environment=jedi.create_environment(sys.executable, safe=False))


def _infer(code: str) -> set[str]:
    lines = (HEAD + code).splitlines()
    return {name.name for name in _script(code).infer(len(lines), len(lines[-1]))}


def _complete(code: str) -> set[str]:
    lines = (HEAD + code).splitlines()
    return {completion.name for completion in _script(code).complete(len(lines), len(lines[-1]))}


def test_jedi_infers_sync_async_and_raw_results() -> None:
    assert _infer("m = ck.audience.find_member('u')\nm") == {"Member", "NoneType"}
    assert _infer("async def f():\n    m = await ack.audience.find_member('u')\n    m") == {"Member", "NoneType"}
    assert _infer("r = ck.with_raw_response.audience.find_member('u')\nr") == {"APIResponse"}
    assert _infer("r = ck.audience.with_raw_response.find_member('u').parse()\nr") == {"Member", "NoneType"}
    assert _infer("r = ck.messages.send_message('u', content={})\nr") == {"SendMessageResponse"}


def test_jedi_completes_fields_and_keywords_and_shows_one_signature() -> None:
    assert {"message", "delivery", "notification", "audience_member"} <= _complete(
        "r = ck.messages.send_message('u', content={})\nr."
    )
    assert "status_code" not in _complete("r = ck.messages.send_message('u', content={})\nr.")
    assert _complete("ck.identify('u', disp") == {"display_name="}
    lines = (HEAD + "ck.identify(").splitlines()
    (signature,) = _script("ck.identify(").get_signatures(len(lines), len(lines[-1]))
    text = signature.to_string()
    assert text.startswith("identify(external_user_id: str, data: IdentifyRequestDict=NO_BODY, /, *, display_name: ")
    assert text.endswith(") -> Member")
    assert "kwargs" not in text


PROBE = """
from chimekit import AsyncChimeKit, ChimeKit

ck = ChimeKit()
ack = AsyncChimeKit()
reveal_type(ck.audience.find_member("u"))
reveal_type(ck.with_raw_response.audience.find_member("u"))


async def f() -> None:
    reveal_type(await ack.audience.find_member("u"))


ck.identify("u", external_user_id="v")
ck.identify("u", {"displayname": "Ava"})
"""


def test_pyright_infers_results_and_names_a_wrong_keyword_and_key(tmp_path: Path) -> None:
    if not PYRIGHT.exists():
        pytest.fail("pyright is not installed: `make test` installs it (tools/pyright)")
    (tmp_path / "probe.py").write_text(PROBE)
    config = {
        "extraPaths": [str(ROOT / "generated"), str(ROOT / "overlay")],
        "pythonVersion": "3.11",
        "venvPath": str(Path(sys.prefix).parent),
        "venv": Path(sys.prefix).name,
    }
    (tmp_path / "pyrightconfig.json").write_text(json.dumps(config))
    result = subprocess.run([PYRIGHT, "--outputjson", "probe.py"], cwd=tmp_path, capture_output=True, text=True)
    found = json.loads(result.stdout)["generalDiagnostics"]
    revealed = [re.search(r'is "(.*)"$', d["message"]).group(1) for d in found if d["severity"] == "information"]  # type: ignore[union-attr]
    assert revealed == ["Member | None", "APIResponse[Member | None]", "Member | None"]
    errors = [d["message"] for d in found if d["severity"] == "error"]
    assert len(errors) == 2, errors
    assert 'No parameter named "external_user_id"' in errors[0]
    assert '"displayname" is an undefined item in type "IdentifyRequestDict"' in errors[1]
