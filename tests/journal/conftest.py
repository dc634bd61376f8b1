"""One real vault per test session (creating it runs scrypt, about 2 s), copied for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from companion.clock import FakeClock
from companion.journal.keys import Keys
from companion.journal.vault import Vault, create_vault

PASSPHRASE = "a quiet harbour at dusk"


@pytest.fixture(scope="session")
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture(scope="session")
def template_vault(tmp_path_factory) -> tuple[Path, Keys]:
    folder = tmp_path_factory.mktemp("template") / "journal"
    vault = create_vault(folder, PASSPHRASE, FakeClock())
    assert vault.keys is not None
    return folder, vault.keys


@pytest.fixture
def vault(template_vault, tmp_path) -> Vault:
    """An unlocked copy of the session's vault, in this test's own folder."""
    source, keys = template_vault
    folder = tmp_path / "journal"
    shutil.copytree(source, folder)
    return Vault(folder, keys, FakeClock())
