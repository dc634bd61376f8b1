"""The house rule: domain code never imports Qt or pygame."""

import subprocess
import sys
import tomllib
from pathlib import Path

import companion

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(companion.__file__).parent
OUTSIDE_CONTRACT = {"companion.ui", "companion.__main__", "companion.__init__", "companion.audio"}


def domain_modules() -> set[str]:
    found = set()
    for path in PACKAGE.iterdir():
        if path.name.startswith(("_", ".")) or path.name == "assets":
            continue
        if path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").exists()):
            found.add(f"companion.{path.stem}")
    return found - OUTSIDE_CONTRACT


def test_every_domain_module_is_under_the_import_contract():
    """A new domain module must be added to the import-linter contract in pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contract = config["tool"]["importlinter"]["contracts"][0]
    assert set(contract["forbidden_modules"]) >= {"PySide6", "pygame"}
    missing = domain_modules() - set(contract["source_modules"])
    assert not missing, f"add these to the import contract: {sorted(missing)}"


def test_domain_modules_import_without_qt_or_pygame():
    """Importing every domain module loads neither PySide6 nor pygame."""
    names = sorted(domain_modules())
    code = (f"import importlib, sys\nfor n in {names!r}: importlib.import_module(n)\n"
            "bad = [m for m in ('PySide6', 'pygame', 'shiboken6') if m in sys.modules]\n"
            "print(','.join(bad) or 'clean')")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == "clean"


def test_import_linter_contract_holds():
    """lint-imports (import-linter) finds no broken contract."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
