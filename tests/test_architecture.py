"""The house rule: domain code never imports Qt or pygame."""

import subprocess
import sys
import tomllib
from pathlib import Path

import companion

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(companion.__file__).parent


def top_level_modules() -> set[str]:
    found = set()
    for path in PACKAGE.iterdir():
        if path.name.startswith(("_", ".")) or path.name == "assets":
            continue
        if path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").exists()):
            found.add(f"companion.{path.stem}")
    return found


def contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}


def test_every_module_outside_ui_is_under_the_qt_contract():
    """A new module must be added to the 'Only companion.ui imports Qt' contract in pyproject.toml."""
    contract = contracts()["Only companion.ui imports Qt"]
    assert set(contract["forbidden_modules"]) >= {"PySide6", "shiboken6"}
    missing = top_level_modules() - {"companion.ui"} - set(contract["source_modules"])
    assert not missing, f"add these to the Qt import contract: {sorted(missing)}"


def test_every_module_but_the_engine_is_under_the_pygame_contract():
    """Only companion.audio.pygame_engine may import pygame; every other module is listed."""
    contract = contracts()["Only companion.audio.pygame_engine imports pygame"]
    audio = {f"companion.audio.{p.stem}" for p in (PACKAGE / "audio").glob("*.py")
             if not p.name.startswith("_")}
    expected = (top_level_modules() - {"companion.audio"}) | (audio - {
        "companion.audio.pygame_engine"})
    missing = expected - set(contract["source_modules"])
    assert not missing, f"add these to the pygame import contract: {sorted(missing)}"


def test_domain_modules_import_without_qt_or_pygame():
    """Importing every module outside ui/ (but the engine) loads neither PySide6 nor pygame."""
    contract = contracts()["Only companion.audio.pygame_engine imports pygame"]
    names = sorted(set(contract["source_modules"]) - {"companion.ui"})
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
