"""The three distributions, built as ``make dist`` builds them and installed into a fresh venv.

chimekit alone: the SDK imports; no chimekit_sandbox, no pytest plugin, only httpx and attrs. With
chimekit-sandbox: the CLI serves, and the fixtures work in a tiny pytest project of its own. With
chimekit-contract: the command, run from an empty folder outside the repository, passes against the
installed chimekit-sandbox and leaves nothing behind. The venv is installed offline from the built
wheels and a wheel cache of the pinned dependencies (``<venv>/wheelhouse``, downloaded once).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import httpx
import pytest
from packaging.requirements import Requirement

from tests.conftest import ROOT
from tests.sandbox._cli import cli

PINS = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)$")
# pytest and its dependencies, for the tiny project's own test run (versions from requirements-dev.txt).
PYTEST = ("pytest", "iniconfig", "packaging", "pluggy", "pygments")


def pins(name: str) -> dict[str, str]:
    """``{normalised name: version}`` of a requirements file (its own lines, not the files it includes)."""
    found = {}
    for line in (ROOT / name).read_text().splitlines():
        match = PINS.match(line.strip())
        if match:
            found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return found


def project(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text())["project"]  # type: ignore[no-any-return]


def run(
    *args: str | Path, cwd: Path | None = None, check: bool = True, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV") and not k.startswith("CHIMEKIT_")
    }
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, env={**clean, **(env or {})}, timeout=600
    )
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


# ---------------------------------------------------------------- static: versions, pins, dependencies


def closure(*names: str) -> set[str]:
    """The normalised names of ``names`` and of everything they need, from the installed metadata."""
    found: set[str] = set()
    todo = list(names)
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if name in found:
            continue
        found.add(name)
        for line in importlib.metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return found


def test_the_distributions_have_one_version_and_pin_chimekit() -> None:
    chimekit, sandbox = project(ROOT / "pyproject.toml"), project(ROOT / "sandbox" / "pyproject.toml")
    contract = project(ROOT / "contract" / "pyproject.toml")
    assert (chimekit["name"], sandbox["name"], contract["name"]) == (
        "chimekit",
        "chimekit-sandbox",
        "chimekit-contract",
    )
    assert chimekit["version"] == sandbox["version"] == contract["version"]
    assert f"chimekit=={chimekit['version']}" in sandbox["dependencies"]
    assert f"chimekit=={chimekit['version']}" in contract["dependencies"]
    for version_file in (
        ROOT / "overlay" / "chimekit" / "_version.py",
        ROOT / "sandbox" / "chimekit_sandbox" / "_version.py",
    ):
        assert f'__version__ = "{chimekit["version"]}"' in version_file.read_text()


def test_the_demo_pins_are_exactly_the_runtime_dependencies_and_the_dev_pins_add_only_tools() -> None:
    demo, dev = pins("requirements-demo.txt"), pins("requirements-dev.txt")
    assert (ROOT / "requirements-dev.txt").read_text().count("-r requirements-demo.txt") == 1
    assert not set(demo) & set(dev)  # one version of everything, written once
    direct = [
        *project(ROOT / "pyproject.toml")["dependencies"],
        *(d for d in project(ROOT / "sandbox" / "pyproject.toml")["dependencies"] if not d.startswith("chimekit")),
    ]
    names = {re.sub(r"[-_.]+", "-", re.split(r"[<>=!~ ]", d)[0]).lower() for d in direct}
    assert names == {"httpx", "attrs", "uvicorn", "pyyaml", "jsonschema-rs"}
    assert names <= set(demo)
    assert not {"pytest", "ruff", "mypy", "schemathesis", "openapi-python-client"} & set(demo)


def test_chimekit_contract_depends_on_chimekit_and_a_schemathesis_range_holding_the_pin() -> None:
    requirements = [Requirement(d) for d in project(ROOT / "contract" / "pyproject.toml")["dependencies"]]
    assert sorted(r.name for r in requirements) == ["chimekit", "httpx", "jsonschema-rs", "schemathesis"]
    dev = pins("requirements-dev.txt")
    schemathesis = next(r for r in requirements if r.name == "schemathesis")
    assert dev["schemathesis"] == "4.32.5"
    assert schemathesis.specifier.contains(dev["schemathesis"])
    assert not schemathesis.specifier.contains("5.0.0")  # a range, not a pin: the pin is requirements-dev's
    # Every package chimekit-contract needs is pinned for the tests, once.
    assert closure("chimekit-contract") - {"chimekit", "chimekit-contract"} <= set(dev) | set(
        pins("requirements-demo.txt")
    )


# ---------------------------------------------------------------- built and installed


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both wheels and sdists, as `make dist` builds them (each wheel from its sdist)."""
    out = tmp_path_factory.mktemp("dist")
    for source in (ROOT, ROOT / "sandbox", ROOT / "contract"):
        run(sys.executable, "-m", "build", "-q", "--no-isolation", "--outdir", out, source)
    return out


@pytest.fixture(scope="module")
def wheelhouse() -> Path:
    """Wheels of the pinned runtime dependencies (chimekit-contract's included) and of pytest, downloaded once
    into the running venv."""
    dev = pins("requirements-dev.txt")
    contract = closure("chimekit-contract") - {"chimekit", "chimekit-contract"} - set(pins("requirements-demo.txt"))
    wanted = {**pins("requirements-demo.txt"), **{name: dev[name] for name in [*PYTEST, *contract]}}
    lines = "".join(f"{name}=={version}\n" for name, version in sorted(wanted.items()))
    house = Path(sys.prefix) / "wheelhouse"
    stamp = house / ".requirements"
    if not stamp.exists() or stamp.read_text() != lines:
        house.mkdir(exist_ok=True)
        requirements = house / "requirements.txt"
        requirements.write_text(lines)
        run(sys.executable, "-m", "pip", "download", "-q", "--only-binary=:all:", "-d", house, "-r", requirements)
        stamp.write_text(lines)
    return house


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory, dist: Path, wheelhouse: Path) -> Path:
    """A fresh venv (no pip of its own: this pip installs into it) with chimekit and pytest only."""
    path = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", "--without-pip", path)
    install(path, dist, wheelhouse, "chimekit", *(f"{n}=={pins('requirements-dev.txt')[n]}" for n in PYTEST))
    return path


def install(venv: Path, dist: Path, wheelhouse: Path, *requirements: str) -> None:
    run(
        sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "-q", "--no-index",
        "--find-links", dist, "--find-links", wheelhouse, *requirements,
    )  # fmt: skip


PROBE = """
import importlib.metadata as md, importlib.util, json
import chimekit, chimekit_api
from chimekit import AsyncChimeKit, ChimeKit
def top(dist):
    return sorted({str(f).split("/")[0] for f in md.distribution(dist).files if not str(f).startswith("..")})
found = {"sandbox": importlib.util.find_spec("chimekit_sandbox") is not None,
         "pytest11": sorted(ep.value for ep in md.entry_points(group="pytest11")),
         "chimekit": {"version": md.version("chimekit"), "requires": md.requires("chimekit"), "top": top("chimekit"),
                      "entry_points": [ep.value for ep in md.distribution("chimekit").entry_points]}}
if found["sandbox"]:
    sandbox = md.distribution("chimekit-sandbox")
    points = sorted(f"{ep.group} {ep.name}={ep.value}" for ep in sandbox.entry_points)
    found["chimekit-sandbox"] = {"version": sandbox.version, "requires": sandbox.requires,
                                 "top": top("chimekit-sandbox"), "entry_points": points}
print(json.dumps(found))
"""

TINY_TESTS = """
import pytest
from chimekit import AsyncChimeKit, ChimeKit


def test_sync(chimekit_client: ChimeKit) -> None:
    chimekit_client.identify("u1", {"displayName": "Ava"})
    assert chimekit_client.audience.find_member("u1")["displayName"] == "Ava"


@pytest.mark.chimekit_seed("docs")
def test_seed_marker(chimekit_client: ChimeKit) -> None:
    assert chimekit_client.messages.get_message("msg_123")["notification"]["title"] == "Welcome!"


@pytest.mark.anyio
async def test_async(chimekit_async_client: AsyncChimeKit) -> None:
    assert await chimekit_async_client.audience.find_member("nobody") is None


def test_run_progresses_on_the_sandbox_clock(chimekit_client: ChimeKit, chimekit_sandbox) -> None:
    chimekit_client.identify("u1", {})
    run_id = chimekit_client.workflow.run("onboarding", {"externalUserId": "u1"})["runId"]
    chimekit_sandbox.advance(3600)
    assert chimekit_client.workflow.get_run(run_id)["status"] == "completed"
"""

TINY_SEEDED = """
from pathlib import Path

import pytest


@pytest.fixture
def chimekit_seed() -> Path:
    return Path(__file__).with_name("seed.yaml")


def test_the_conftest_seed(chimekit_client) -> None:
    assert chimekit_client.audience.find_member("from_conftest")["displayName"] == "Seeded"
"""


def tiny_project(root: Path) -> Path:
    (root / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider\n")
    (root / "test_app.py").write_text(TINY_TESTS)
    (root / "seeded").mkdir()
    (root / "seeded" / "seed.yaml").write_text("members:\n  - {externalUserId: from_conftest, displayName: Seeded}\n")
    (root / "seeded" / "test_seeded.py").write_text(TINY_SEEDED)
    return root


def probe(venv: Path) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(run(venv / "bin" / "python", "-c", PROBE).stdout)
    return found


def test_chimekit_alone_then_with_chimekit_sandbox(venv: Path, dist: Path, wheelhouse: Path, tmp_path: Path) -> None:
    names = sorted(p.name for p in dist.iterdir())
    assert names == [
        "chimekit-0.1.0-py3-none-any.whl",
        "chimekit-0.1.0.tar.gz",
        "chimekit_contract-0.1.0-py3-none-any.whl",
        "chimekit_contract-0.1.0.tar.gz",
        "chimekit_sandbox-0.1.0-py3-none-any.whl",
        "chimekit_sandbox-0.1.0.tar.gz",
    ]
    alone = probe(venv)
    assert alone["sandbox"] is False
    assert not [value for value in alone["pytest11"] if "chimekit" in value]
    assert alone["chimekit"]["entry_points"] == []
    assert alone["chimekit"]["top"] == ["chimekit", "chimekit-0.1.0.dist-info", "chimekit_api"]
    assert sorted(re.split(r"[<>=!~ ]", r)[0] for r in alone["chimekit"]["requires"]) == ["attrs", "httpx"]

    # A user's tests that ask for the fixtures without chimekit-sandbox: pytest says which fixture is missing.
    tiny = tiny_project(tmp_path)
    without = run(venv / "bin" / "python", "-m", "pytest", "-q", cwd=tiny, check=False)
    assert without.returncode == 1, without.stdout + without.stderr
    assert "fixture 'chimekit_client' not found" in without.stdout
    assert "fixture 'chimekit_async_client' not found" in without.stdout
    assert "ModuleNotFoundError" not in without.stdout + without.stderr

    install(venv, dist, wheelhouse, "chimekit-sandbox")
    both = probe(venv)
    sandbox = both["chimekit-sandbox"]
    assert sandbox["version"] == both["chimekit"]["version"]
    assert sandbox["top"] == ["chimekit_sandbox", "chimekit_sandbox-0.1.0.dist-info"]
    assert sandbox["entry_points"] == [
        "console_scripts chimekit-sandbox=chimekit_sandbox.__main__:main",
        "pytest11 chimekit_sandbox=chimekit_sandbox.pytest_plugin",
    ]
    assert sorted(re.split(r"[<>=!~ ]", r)[0] for r in sandbox["requires"]) == [
        "chimekit",
        "jsonschema-rs",
        "pyyaml",
        "uvicorn",
    ]

    assert "--seed FILE" in run(venv / "bin" / "chimekit-sandbox", "--help").stdout
    with cli(
        ["--secret-key", "sk_test_wheel", "--seed", "docs"], command=[str(venv / "bin" / "chimekit-sandbox")]
    ) as s:
        answer = httpx.get(
            s.url + "/sdk/v1/audience/members/user_123", headers={"Authorization": "Bearer sk_test_wheel"}
        )
        assert answer.json()["member"]["displayName"] == "Ava Example"

    with_sandbox = run(venv / "bin" / "python", "-m", "pytest", "-q", cwd=tiny, check=False)
    assert with_sandbox.returncode == 0, with_sandbox.stdout + with_sandbox.stderr
    assert "5 passed" in with_sandbox.stdout


KEY = "sk_test_wheel_contract"


def member(url: str, external_user_id: str) -> Any:
    answer = httpx.get(f"{url}/sdk/v1/audience/members/{external_user_id}", headers={"Authorization": f"Bearer {KEY}"})
    return answer.json()


@pytest.mark.timeout(600)
def test_chimekit_contract_from_an_empty_folder_against_the_installed_sandbox(
    venv: Path, dist: Path, wheelhouse: Path, tmp_path: Path
) -> None:
    """The done-when of the command: installed from the wheel, run where there is no repository.

    Its default run (all of schemathesis) passes against chimekit-sandbox at the URL the sandbox prints,
    covers every behaviour check and link, deletes every member it made and leaves the folder empty and
    the docs' ``user_123`` as it was; a wrong key stops it within seconds (exit 2).
    """
    install(venv, dist, wheelhouse, "chimekit-sandbox", "chimekit-contract")
    command = venv / "bin" / "chimekit-contract"
    help_text = run(command, "--help").stdout
    assert "THE RUN WRITES DATA" in help_text
    for option in ("--key-env", "--profile", "--seed", "--max-examples", "--junit"):
        assert option in help_text
    empty = tmp_path / "empty"
    empty.mkdir()
    with cli(["--secret-key", KEY, "--seed", "docs"], command=[str(venv / "bin" / "chimekit-sandbox")]) as sandbox:
        seeded = member(sandbox.url, "user_123")
        started = time.monotonic()
        wrong = run(command, sandbox.url, cwd=empty, check=False, env={"CHIMEKIT_SECRET_KEY": "sk_test_not_this_one"})
        wrong_seconds = time.monotonic() - started
        done = run(command, sandbox.url + "/sdk/v1", cwd=empty, check=False, env={"CHIMEKIT_SECRET_KEY": KEY})
        assert member(sandbox.url, "user_123") == seeded
    assert wrong.returncode == 2, wrong.stdout + wrong.stderr
    assert wrong_seconds < 10
    assert "refused the key in $CHIMEKIT_SECRET_KEY (HTTP 401" in wrong.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Behaviour checks: 15 passed" in done.stdout
    followed = re.search(r"Links: (\d+) of (\d+) followed", done.stdout)
    assert followed is not None
    assert followed.group(1) == followed.group(2)
    assert re.search(r"Cleanup: deleted (\d+) of the \1 members the run made", done.stdout)
    assert "The server conforms (exit 0)" in done.stdout
    assert KEY not in done.stdout + done.stderr
    assert list(empty.iterdir()) == []
