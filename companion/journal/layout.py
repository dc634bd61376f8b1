"""Where each file of a vault lives and how its name is recognised."""

from __future__ import annotations

import re

MARKER = "companion-vault.toml"
IDENTITY = "identity.age"
CHECK = "check.age"  # format 1's proof that a recovery key belongs here
INDEX = "index.age"
ENTRIES = "entries"
ROTATING = "rotating"  # format 1's unfinished key change
LOCK = ".lock"
FORMAT = 2
CHECK_TEXT = b"companion-vault-check/1\n"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
ENTRY_NAME = re.compile(rf"^({UUID})\.age$")
DELETING_NAME = re.compile(rf"^\.({UUID})\.age\.deleting$")
# Copies that sync tools leave beside a file both sides changed: Syncthing, Dropbox, Nextcloud.
CONFLICT_TAIL = r"(\.sync-conflict-[0-9A-Za-z-]+| \([^)]*conflict[^)]*\))\.age$"
CONFLICT_NAME = re.compile(rf"^({UUID}){CONFLICT_TAIL}", re.IGNORECASE)
MANIFEST_COPY = re.compile(rf"^manifest{CONFLICT_TAIL}", re.IGNORECASE)
# A sync tool's copy of keyring.age: the key was changed on two computers while apart.
KEYRING_COPY = re.compile(rf"^keyring{CONFLICT_TAIL}", re.IGNORECASE)
# Our own temp files (mkstemp: ".<name>.<8 random>.tmp"); a sync tool's are never touched.
OWN_TEMP = re.compile(rf"^\.({UUID}\.age|identity\.age|keyring\.age|manifest\.age|index\.age|"
                      r"check\.age|companion-vault\.toml)\.[A-Za-z0-9_]{8}\.tmp$")
# Files a sync tool keeps in a folder it shares; an otherwise empty folder still takes a journal.
SYNC_MARKERS = {".stfolder", ".stignore", ".stversions", ".dropbox", ".sync"}
