"""'A computer with the journal open': a helper process that holds an unlocked vault through the
Python API and does what the test asks, one JSON line in, one JSON line out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HELPER = r"""
import json, sys
from datetime import UTC, datetime
from pathlib import Path
from companion.clock import FakeClock
from companion.journal.entry import Entry
from companion.journal.keys import Keys
from companion.journal.vault import Vault

folder, cache, computer = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
vault = Vault(folder, Keys.from_recovery_key(sys.stdin.readline().strip()), FakeClock(), cache)
vault.computer = computer
NOW = datetime(2026, 12, 2, 21, 0, tzinfo=UTC)
held = {}  # entries as this window last read them (what an open editor holds)


def read_all():
    read = vault.read_all()
    held.update(read.entries)
    return {"entries": {i: {"title": e.title, "body": e.body} for i, e in read.entries.items()},
            "problems": read.problems, "conflicts": len(read.conflicts),
            "reviews": [r.kind for r in read.reviews], "notes": vault.notes}


def run(op, args):
    if op == "save":
        entry = vault.save(Entry.new(NOW, args["title"], args["body"]))
        held[entry.id] = entry
        return entry.id
    if op == "edit":  # from the copy this window holds, as an open editor would
        entry = vault.save(held[args["id"]].edited(NOW, body=args["body"]))
        held[entry.id] = entry
        return entry.id
    if op == "read_all":
        return read_all()
    if op == "delete":
        return vault.delete(args["id"])
    if op == "rotate":
        return vault.rotate_key(args["passphrase"])
    if op == "confirm":
        return vault.confirm_key()
    if op == "keep_both":
        return vault.resolve_conflict(vault.read_all().conflicts[0], "both").id
    if op == "key":
        return vault.keys.recovery_key
    raise ValueError(op)


for line in sys.stdin:
    request = json.loads(line)
    try:
        reply = {"ok": run(request["op"], request.get("args", {}))}
    except Exception as exc:
        reply = {"error": type(exc).__name__, "message": str(exc)}
    print(json.dumps(reply), flush=True)
"""


class HelperError(Exception):
    def __init__(self, kind: str, message: str):
        super().__init__(f"{kind}: {message}")
        self.kind = kind


class Computer:
    """One computer's open journal, in a process of its own."""

    def __init__(self, folder: Path, key: str, cache: Path, name: str):
        self.folder = folder
        self.process = subprocess.Popen([sys.executable, "-c", HELPER, str(folder), str(cache),
                                         name], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True)
        self._send(key)

    def _send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def ask(self, op: str, **args: object) -> object:
        self._send(json.dumps({"op": op, "args": args}))
        assert self.process.stdout is not None
        reply = json.loads(self.process.stdout.readline())
        if "error" in reply:
            raise HelperError(reply["error"], reply["message"])
        return reply["ok"]

    def read_all(self) -> dict:
        found = self.ask("read_all")
        assert isinstance(found, dict)
        return found

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)
        if self.process.stdout is not None:
            self.process.stdout.close()
