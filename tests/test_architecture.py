"""The import rules of the package docstring (src/perovskite_kg/__init__.py), read from the code.

Every `import` and `from ... import` in every module, at any depth (the lazy imports inside
functions count too), is checked against the layer the module belongs to.
"""

import ast
from pathlib import Path

import pytest
from support import REPO

PACKAGE = REPO / "src" / "perovskite_kg"
STEPS = {"validate", "query", "export", "inspect", "plot", "curate", "serve"}
TOP = {"cli", "build", "update", "serve"}
"""Runners: nothing imports them but `cli`."""
MODULES = sorted(PACKAGE.rglob("*.py"))


def _part(module: str) -> str:
    """The package part a dotted module name belongs to: `project`, `cli`, `namespaces`, ..."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(p for p in relative.parts if p != "__init__")


def _imports(path: Path) -> set[str]:
    """The perovskite_kg modules `path` imports, as dotted names of their package part."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {_part(n) for n in found if n.startswith("perovskite_kg.")} - {""}


def _allowed(part: str) -> set[str] | None:
    """What the part may import (None: anything)."""
    foundation = {"errors", "namespaces", "__version__"}
    if part in foundation:
        return {"__version__"}
    if part == "reason":
        return foundation | {"reason"}
    if part == "project":
        return foundation | {"project", "reason"}
    if part in STEPS - {"serve"}:
        return foundation | {"project", "reason", part}
    if part == "cli":
        return None
    return None if part in TOP else foundation | {"project", "reason"}


def test_the_package_has_modules():
    assert len(MODULES) > 10, "no modules found: is the package still at src/perovskite_kg?"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _name(p))
def test_imports_follow_the_rules(path):
    part = _part(_name(path))
    imported = _imports(path)
    if part != "cli":
        assert not imported & (TOP - {part}), f"{_name(path)} imports a runner"
    allowed = _allowed(part)
    if allowed is not None:
        assert imported <= allowed, f"{_name(path)} imports {sorted(imported - allowed)}"


def test_a_rule_breach_is_caught(tmp_path):
    """If the check were gone, a reason module importing project would pass: it must not."""
    breach = tmp_path / "breach.py"
    breach.write_text("from perovskite_kg.project import graphs\n", encoding="utf-8")
    assert _imports(breach) - _allowed("reason") == {"project"}
