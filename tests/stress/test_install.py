"""The package as a user installs it: ``pip install .`` into a fresh virtual environment, without
the ``test`` extra, then the installed ``archiver`` command ingests the examples, checks the
archive and lists it.

The development environment holds the test tools, and what they bring can hide a missing
dependency (click came with import-linter after typer stopped installing it). tests/
test_packaging.py checks the imports against the declared dependencies on every run; this
test installs for real, with the newest versions the declared ranges allow and with the
lowest (each dependency pinned to its lower bound: a bound the tool does not work with is
found here), so it runs only under ``make stress`` (it needs the package index and a minute
or two).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from stress_support import STRESS

ROOT = Path(__file__).resolve().parents[2]

installs = pytest.mark.skipif(not STRESS, reason="installs the package: make stress")


def _run(*args: object, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("ARCHIVER_", "PYTHON", "VIRTUAL_ENV"))}
    return subprocess.run([str(arg) for arg in args], cwd=cwd, env=environment, text=True,
                          capture_output=True, timeout=900, check=False, input=stdin)


def _left_behind(folder: str, names: list[str]) -> set[str]:
    """What the copy the package is built from leaves out: at the top, what is no part of
    the package (the environment, history, archive, tests, an earlier build); anywhere,
    Python's caches."""
    top = {".venv", ".git", "archive", "tests", "build", "dist"} if Path(folder) == ROOT \
        else set()
    return {name for name in names
            if name in top or name == "__pycache__" or name.endswith(".egg-info")}


def lowest_versions(pyproject: Path) -> list[str]:
    """Each runtime dependency pinned to the lowest version its declared range allows
    (``name>=X`` gives ``name==X``; an exact pin stays)."""
    pins = []
    for text in tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]:
        requirement = Requirement(text)
        floor = [spec.version for spec in requirement.specifier if spec.operator in (">=", "==")]
        assert floor, f"{text}: no lower bound"
        pins.append(f"{requirement.name}=={floor[0]}")
    return pins


def test_the_lowest_versions_are_pins_of_each_declared_floor():
    pins = lowest_versions(ROOT / "pyproject.toml")
    assert "habanero==2.9.2" in pins and any(pin.startswith("typer==") for pin in pins)


@installs
@pytest.mark.parametrize("versions", ["newest", "lowest"])
def test_the_package_installed_without_its_test_tools_runs(tmp_path: Path, figure, versions):
    """With the newest versions its ranges allow, and with the lowest: each declared lower
    bound is one the tool works with."""
    # built from a copy: pip builds a local project in its own folder (build/, *.egg-info)
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=_left_behind)
    venv = tmp_path / "venv"
    made = _run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    constraints = tmp_path / "constraints.txt"
    constraints.write_text("\n".join(lowest_versions(ROOT / "pyproject.toml")) + "\n"
                           if versions == "lowest" else "", encoding="utf-8")
    installed = _run(venv / "bin" / "python", "-m", "pip", "install", "--quiet",
                     "--constraint", constraints, source, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    command = venv / "bin" / "archiver"
    archive = tmp_path / "archive"

    helped = _run(command, "--help", cwd=tmp_path)
    assert helped.returncode == 0, helped.stderr
    assert "ingest" in helped.stdout

    ingested = _run(command, "ingest", "--no-fetch", "--archive", archive,
                    ROOT / "examples", cwd=tmp_path)
    assert ingested.returncode == 0, ingested.stderr
    again = _run(command, "ingest", "--no-fetch", "-q", "--archive", archive,
                 ROOT / "examples", cwd=tmp_path)
    assert (again.returncode, again.stderr) == (0, "")  # -q: not a line on stderr
    checked = _run(command, "fsck", "--archive", archive, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    listed = _run(command, "list", "--archive", archive, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    expected = {line.split()[0] for line in listed.stdout.splitlines() if line.strip()}
    assert len(expected) >= 5

    # ingest validated each record against the schemas installed with the package (run
    # from elsewhere: the checkout's are not found); the record reads back whole
    shown = _run(command, "show", sorted(expected)[0], "--json", "--archive", archive,
                 cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert '"title"' in shown.stdout

    # the reference parser's model is installed with the package
    parsed = _run(command, "refs", "parse", "--json", "-", cwd=tmp_path,
                  stdin="Smith, J. (2020). A title. Journal of Things, 12(3), 45-67.\n")
    assert parsed.returncode == 0, parsed.stderr
    assert '"Journal of Things"' in parsed.stdout
    exported = _run(command, "export", "bibtex", "--archive", archive, cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.count("@") >= len(expected) - 1  # a deleted post has no entry
    # nothing listens on port 9: every citation is unresolved, and the exit code says so (3)
    verified = _run(command, "verify", "--archive", archive,
                    "--crossref-url", "http://127.0.0.1:9/", cwd=tmp_path)
    assert verified.returncode == 3, verified.stdout + verified.stderr
    assert "unresolved" in verified.stdout
    figure(f"install ({versions} versions)",
           f"pip install . without the test extra: help, ingest ({len(expected)} objects), "
           "fsck, list, show, refs parse, export and verify ran")
