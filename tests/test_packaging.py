"""observe as pip installs it: one top-level name, every package, the layers of DESIGN §1.

The wheel is built from a copy of the repository (nothing is written into the checkout)
and unpacked; the checks then read that tree, which is exactly what a user gets.

If these failed: ``pip install observe`` would put generic names such as ``reports`` into a
user's site-packages beside their own (a collision waiting to happen), a subpackage would be
missing from the install, or a lower layer would have started to depend on a higher one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "README.md", "observe", "reports", "coding_schemes")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The unpacked wheel of the current source."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=ignore)
        else:
            shutil.copy2(path, source / name)
    out = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), "."],
        cwd=source,
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("observe-*.whl")
    tree = work / "installed"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tree)
    return tree


def test_only_observe_is_installed_at_the_top_level(installed: Path) -> None:
    names = sorted(entry.name for entry in installed.iterdir())
    assert names[0] == "observe"
    assert len(names) == 2 and names[1].startswith("observe-") and names[1].endswith(".dist-info")


def test_every_package_folder_of_the_repository_is_installed(installed: Path) -> None:
    """A new subpackage must be added to pyproject's package list, or pip leaves it out."""
    mapping = {"observe": ROOT / "observe", "observe/reports": ROOT / "reports"}
    mapping["observe/coding_schemes"] = ROOT / "coding_schemes"
    for target, folder in mapping.items():
        for init in folder.rglob("__init__.py"):
            relative = init.parent.relative_to(folder)
            assert (installed / target / relative / "__init__.py").is_file(), relative
    shipped = sorted(p.name for p in (ROOT / "coding_schemes").glob("*.toml"))
    assert sorted(p.name for p in (installed / "observe/coding_schemes").glob("*.toml")) == shipped
    assert (installed / "observe/tui/app.tcss").is_file()


def _run_installed(installed: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(installed)}
    return subprocess.run(
        [sys.executable, *args], cwd=installed, env=environment, capture_output=True, text=True
    )


def test_the_layer_contracts_hold(installed: Path) -> None:
    """The contracts in pyproject.toml ([tool.importlinter]) on the installed tree."""
    script = (
        "import sys; from importlinter.cli import lint_imports_command; "
        "sys.exit(lint_imports_command())"
    )
    result = _run_installed(installed, "-c", script, str(ROOT / "pyproject.toml"))
    assert result.returncode == 0, result.stdout + result.stderr


CIRCLES_SCRIPT = """
import json, sys
import grimp
graph = grimp.build_graph("observe", exclude_type_checking_imports=False)
sys.setrecursionlimit(10000)
index, low, stack, on_stack, circles = {}, {}, [], set(), []
def visit(module):
    index[module] = low[module] = len(index)
    stack.append(module); on_stack.add(module)
    for imported in graph.find_modules_directly_imported_by(module):
        if imported not in index:
            visit(imported); low[module] = min(low[module], low[imported])
        elif imported in on_stack:
            low[module] = min(low[module], index[imported])
    if low[module] == index[module]:
        part = []
        while True:
            top = stack.pop(); on_stack.discard(top); part.append(top)
            if top == module:
                break
        if len(part) > 1:
            circles.append(sorted(part))
for module in sorted(graph.modules):
    if module not in index:
        visit(module)
print(json.dumps(circles))
"""


def test_no_import_circles(installed: Path) -> None:
    """Imports inside functions and under TYPE_CHECKING count: a circle held open by a
    late import is still a circle a reader has to untangle."""
    import json

    result = _run_installed(installed, "-c", CIRCLES_SCRIPT)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_pyproject_names_the_installed_packages_once() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = config["tool"]["setuptools"]["packages"]
    assert len(packages) == len(set(packages))
    assert all(name == "observe" or name.startswith("observe.") for name in packages)
