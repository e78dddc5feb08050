"""The hash-locked requirement files agree with pyproject.toml.

An install from the lock (scripts/setup.sh, the bundle) must satisfy every dependency the
project declares, at a version its range admits, with a hash for every package: otherwise a
dependency added to pyproject.toml without ``scripts/lock.sh`` would be missing on a fresh
kiosk while an old development venv hides it.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(\[[^\]]*\])?==([^\s;\\]+)")


def _pins(lock: Path) -> dict[str, tuple[str, int]]:
    """name → (version, number of hashes) of a pip-compile style lock."""
    pins: dict[str, tuple[str, int]] = {}
    name = None
    for line in lock.read_text("utf-8").splitlines():
        found = PIN.match(line)
        if found:
            name = canonicalize_name(found[1])
            pins[name] = (found[3], 0)
        elif name and "--hash=sha256:" in line:
            version, hashes = pins[name]
            pins[name] = (version, hashes + 1)
    return pins


def _declared(extra: str | None) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    if extra:
        reqs += [Requirement(r) for r in project["optional-dependencies"][extra]]
    return reqs


@pytest.mark.parametrize("lock, extra", [("runtime.txt", None), ("test.txt", "test")])
def test_every_declared_dependency_is_locked_within_its_range_with_hashes(lock, extra):
    pins = _pins(ROOT / "requirements" / lock)
    assert pins, f"requirements/{lock} lists no package"
    problems = []
    for req in _declared(extra):
        if req.marker is not None and not req.marker.evaluate({"python_version": "3.11", "sys_platform": "linux"}):
            continue
        pinned = pins.get(canonicalize_name(req.name))
        if pinned is None:
            problems.append(f"{req.name}: not in the lock")
        elif not req.specifier.contains(pinned[0], prereleases=True):
            problems.append(f"{req.name}: locked {pinned[0]} outside {req.specifier}")
    unhashed = [name for name, (_, hashes) in pins.items() if hashes == 0]
    assert not problems, f"requirements/{lock} is stale, run scripts/lock.sh: {problems}"
    assert not unhashed, f"packages without a hash in requirements/{lock}: {unhashed}"


def test_the_runtime_lock_holds_no_test_runner():
    """The kiosk's lock is what the bundle ships: no test runner or fuzzer in it."""
    runtime = _pins(ROOT / "requirements" / "runtime.txt")
    assert {"pytest", "pytest-qt", "hypothesis"}.isdisjoint(runtime)
