"""Bundled files: every asset the app needs is present, in a checkout and in the built wheel."""

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from companion.resources import asset, assets_dir

ROOT = Path(__file__).resolve().parent.parent


def manifest() -> list[str]:
    return tomllib.loads((assets_dir() / "MANIFEST.toml").read_text())["files"]


@pytest.mark.parametrize("relative", manifest())
def test_every_manifest_file_is_readable(relative):
    """Each file listed in assets/MANIFEST.toml exists and has content."""
    assert asset(relative).stat().st_size > 0


def test_a_missing_asset_names_itself():
    """Asking for a file that is not bundled says which one."""
    with pytest.raises(FileNotFoundError, match=r"nowhere\.toml"):
        asset("nowhere.toml")


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory) -> Path:
    """The project's wheel, built once per test session."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out),
                    str(ROOT)], check=True, timeout=600, capture_output=True)
    return next(out.glob("companion-*.whl"))


def test_wheel_ships_every_asset_inside_the_package(built_wheel):
    """A non-editable install finds its assets: the wheel carries them under companion/assets/."""
    names = set(zipfile.ZipFile(built_wheel).namelist())
    for relative in ["MANIFEST.toml", *manifest()]:
        assert f"companion/assets/{relative}" in names


def test_wheel_declares_the_pyside_pin_and_the_gui_script(built_wheel):
    """The wheel excludes PySide6 6.12.0 on Python < 3.12 and installs a `companion` launcher."""
    with zipfile.ZipFile(built_wheel) as wheel:
        meta_name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = wheel.read(meta_name).decode()
        entry_points = wheel.read(meta_name.replace("METADATA", "entry_points.txt")).decode()
    pyside = [Requirement(line.split(":", 1)[1]) for line in metadata.splitlines()
              if line.lower().startswith("requires-dist: pyside6-essentials")]
    for python, allowed in (("3.11", False), ("3.12", True)):
        wanted = [r for r in pyside if r.marker is None or r.marker.evaluate({"python_version": python})]
        assert len(wanted) == 1
        assert wanted[0].specifier.contains("6.12.0") is allowed, python
    assert "[gui_scripts]\ncompanion = companion.cli:main" in entry_points
    assert "License-Expression: GPL-3.0-or-later" in metadata
