"""Each module of the package binds each of its top-level names once.

The reference parser is made of hundreds of module-level patterns and rules, named for what
they read. A second ``_PAGES_MARKED = …`` further down numbers.py silently replaced the first
for every function, the one written for the first included: an issue read as the page lost its
pages where no comma stood before "pp.". A name bound twice at the top of a module is always
such a mistake here (the package rebinds none on purpose), and neither ruff nor the tests of
the rules see it, since each rule still runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bound_twice(tree: ast.Module) -> list[tuple[str, list[int]]]:
    """The names a module's own statements (not its imports) bind at its top level more than
    once, with the lines that bind them."""
    lines: dict[str, list[int]] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [node.name]
        elif isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and node.value is not None and \
                isinstance(node.target, ast.Name):
            names = [node.target.id]
        else:
            names = []
        for name in names:
            lines.setdefault(name, []).append(node.lineno)
    return [(name, at) for name, at in lines.items() if len(at) > 1]


def test_no_module_of_the_package_binds_a_top_level_name_twice():
    found = []
    for path in sorted((ROOT / "archiver").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found += [f"{path.relative_to(ROOT)}: {name} at lines {at}"
                  for name, at in _bound_twice(tree)]
    assert found == []


def test_the_check_sees_a_pattern_bound_twice_and_nothing_else():
    """The check itself: the mistake it was written for is found; a name bound once, an
    annotation without a value and a name bound inside a function are not."""
    twice = ast.parse('_PAGES = "a"\n\ndef rule():\n    return _PAGES\n\n_PAGES = "b"\n')
    once = ast.parse('_PAGES: str\n_PAGES = "a"\n\ndef rule():\n    _PAGES = "b"\n'
                     "    return _PAGES\n")
    assert _bound_twice(twice) == [("_PAGES", [1, 6])]
    assert _bound_twice(once) == []
