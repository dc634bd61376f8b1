"""'Delete all my data'."""

from companion.desktop.autostart import set_start_at_login, starts_at_login
from companion.wipe import delete_all_data, leftovers


def test_delete_all_removes_every_user_folder(paths):
    """Config, data, cache, logs and the autostart entry all go; nothing is reported left."""
    for folder in paths.user_folders():
        (folder / "nested").mkdir(parents=True)
        (folder / "nested" / "file.txt").write_text("private")
    set_start_at_login(paths.autostart, True, ["companion"])
    assert delete_all_data(paths) == []
    assert leftovers(paths) == []
    assert not starts_at_login(paths.autostart)


def test_delete_all_with_nothing_there_is_fine(paths):
    """Deleting when nothing was ever written succeeds quietly."""
    assert delete_all_data(paths) == []


def test_a_journal_moved_elsewhere_loses_only_its_own_files(paths, vault):
    """In a shared folder, the journal's files go; a sync tool's marker and other files stay."""
    folder = vault.folder
    (folder / ".stfolder").mkdir()
    (folder / "shopping-list.txt").write_text("milk")
    (folder / "keyring.sync-conflict-20261202-210000-ABCDEF1.age").write_bytes(b"a copy")
    assert delete_all_data(paths, folder) == []
    assert sorted(p.name for p in folder.iterdir()) == [".stfolder", "shopping-list.txt"]


def test_a_journal_folder_with_nothing_else_is_removed(paths, vault):
    assert delete_all_data(paths, vault.folder) == []
    assert not vault.folder.exists()
