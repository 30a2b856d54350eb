"""The installed package needs only what it declares.

``pip install archiver`` installs the ``dependencies`` of pyproject.toml and what they require,
not the ``test`` extra. A module imported at run time from a distribution outside that set works
in the development environment (where the test tools happen to bring it) and fails for every
user: typer 0.29 keeps its own copy of click and no longer installs click, which only
import-linter brought here, and ``archiver --help`` failed with ``No module named 'click'``.

Each ``import`` in ``archiver/`` must come from a distribution pyproject.toml names itself: what
a dependency brings in turn is its to change (click was typer's until 0.29), and which
versions are installed here must not decide the answer. Imports that do not run in an
installed command are left out: those under ``if TYPE_CHECKING:`` (annotations) and those in
an ``except ImportError:`` branch (the fallback for another version of a dependency).
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(requirements: list[str]) -> set[str]:
    """The distributions ``requirements`` name (not what they bring in turn: a dependency's
    own dependencies change between its versions, as typer's click did)."""
    return {_normal(Requirement(text).name) for text in requirements}


def _type_checking(test: ast.expr) -> bool:
    return ((isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
            or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(name, ast.Name) and name.id in {"ImportError", "ModuleNotFoundError"}
               for name in names)


def _run_time_imports(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, top-level module) of each absolute import that runs when the module is used."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ExceptHandler) and _catches_import_error(node):
            return
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name.split(".")[0]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_every_module_the_package_imports_is_a_declared_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = _declared(project["project"]["dependencies"])
    providers = metadata.packages_distributions()
    undeclared = []
    for path in sorted((ROOT / "archiver").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, module in _run_time_imports(tree):
            if module == "archiver" or module in sys.stdlib_module_names:
                continue
            if not {_normal(d) for d in providers.get(module, [])} & declared:
                undeclared.append(f"{path.relative_to(ROOT)}:{line}: {module} "
                                  f"(from {providers.get(module, ['nothing installed'])})")
    assert undeclared == []


def test_the_check_sees_an_import_outside_the_declared_dependencies():
    """The check itself: click, imported at run time, is found (typer no longer installs it);
    the same import for annotations only, or as a fallback, is not."""
    run_time = ast.parse("import click\n")
    annotations_only = ast.parse("from typing import TYPE_CHECKING\n"
                                 "if TYPE_CHECKING:\n    import click\n")
    fallback = ast.parse("try:\n    import typer._click as click\n"
                         "except ImportError:\n    import click\n")
    assert _run_time_imports(run_time) == [(1, "click")]
    assert "click" not in [module for _, module in _run_time_imports(annotations_only)]
    assert [module for _, module in _run_time_imports(fallback)] == ["typer"]


def test_git_never_rewrites_the_line_endings_of_the_archive_examples_or_fixtures():
    """A clone with core.autocrlf (Git for Windows' default) rewrote every text file's LF as
    CRLF: fsck then found 77 problems in the committed archive. .gitattributes marks the
    bytes that must stay as they are; git itself is asked how it reads the mark."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    paths = ["archive/0=ocfl_1.1", "examples/guozhengxueren-464-kazakhstan.md",
             "tests/fixtures/wechat/expected.json",
             "tests/fixtures/containers/converted-mufeng-2021-07-07.mhtml"]
    shown = subprocess.run(["git", "check-attr", "text", "--", *paths], cwd=ROOT, text=True,
                           capture_output=True, check=True).stdout.splitlines()
    assert shown == [f"{path}: text: unset" for path in paths]
