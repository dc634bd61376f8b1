"""Two real Syncthing instances on this machine, sharing one folder, on 127.0.0.1 only: no global
or local discovery, no relays, no NAT, no usage or crash reports, each device's address given
explicitly. Waiting is on Syncthing's own REST API (its event stream and folder status), with
a bound on every wait; scans are forced through the API."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

FOLDER_ID = "journal"
WAIT_SECONDS = 60

OPTIONS = {
    "globalAnnounceEnabled": "false", "localAnnounceEnabled": "false", "relaysEnabled": "false",
    "natEnabled": "false", "urAccepted": "-1", "crashReportingEnabled": "false",
    "autoUpgradeIntervalH": "0", "startBrowser": "false", "reconnectionIntervalS": "1",
    "setLowPriority": "false",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Instance:
    name: str
    home: Path
    folder: Path
    gui_port: int = field(default_factory=free_port)
    sync_port: int = field(default_factory=free_port)
    api_key: str = ""
    device_id: str = ""
    process: subprocess.Popen | None = None
    last_event: int = 0

    def generate(self) -> None:
        done = subprocess.run(["syncthing", "generate", f"--home={self.home}",
                               "--no-default-folder"], capture_output=True, text=True,
                              check=True, timeout=60)
        found = re.search(r"Device ID: ([A-Z0-9-]+)", done.stdout + done.stderr)
        assert found, done.stdout + done.stderr
        self.device_id = found.group(1)
        self.api_key = f"companion-test-{self.name}-{os.getpid()}"

    def configure(self, peer: Instance) -> None:
        """Write config.xml before the first start, so nothing ever reaches beyond loopback."""
        path = self.home / "config.xml"
        root = ET.parse(path).getroot()
        for old in root.findall("device") + root.findall("folder"):
            root.remove(old)
        gui = root.find("gui")
        assert gui is not None
        gui.find("address").text = f"127.0.0.1:{self.gui_port}"  # type: ignore[union-attr]
        gui.find("apikey").text = self.api_key  # type: ignore[union-attr]
        options = root.find("options")
        assert options is not None
        options.find("listenAddress").text = f"tcp://127.0.0.1:{self.sync_port}"  # type: ignore[union-attr]
        for key, value in OPTIONS.items():
            element = options.find(key)
            if element is None:
                element = ET.SubElement(options, key)
            element.text = value
        for item in options.findall("globalAnnounceServer"):
            item.text = ""
        folder = ET.Element("folder", id=FOLDER_ID, label="Journal", path=str(self.folder),
                            type="sendreceive", rescanIntervalS="3600", fsWatcherEnabled="false",
                            ignorePerms="false", autoNormalize="true")
        for device in (self, peer):
            ET.SubElement(folder, "device", id=device.device_id, introducedBy="")
        ET.SubElement(folder, "maxConflicts").text = "10"
        root.insert(0, folder)
        for device in (self, peer):
            element = ET.Element("device", id=device.device_id, name=device.name,
                                 compression="metadata", introducer="false")
            ET.SubElement(element, "address").text = f"tcp://127.0.0.1:{device.sync_port}"
            ET.SubElement(element, "autoAcceptFolders").text = "false"
            root.insert(1, element)
        ET.ElementTree(root).write(path)
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / ".stfolder").mkdir(exist_ok=True)

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["syncthing", "serve", f"--home={self.home}", "--no-browser", "--no-restart",
             "--no-upgrade", "--logflags=0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            env={**os.environ, "STNOUPGRADE": "1", "STNORESTART": "1", "HOME": str(self.home)})
        listening = threading.Event()
        threading.Thread(target=self._drain, args=(listening,), daemon=True).start()
        if not listening.wait(WAIT_SECONDS):  # its own word that the API listens
            raise AssertionError(f"{self.name}: the API never came up: " + self.log()[-2000:])
        self.last_event = max([e["id"] for e in self.events(timeout=0)] or [0])

    def _drain(self, listening: threading.Event) -> None:
        """Keep reading its output into a log file (a closed pipe would kill it)."""
        assert self.process is not None and self.process.stdout is not None
        with self.process.stdout as output, open(self.home / "syncthing.log", "ab") as log:
            for line in output:
                log.write(line)
                log.flush()
                if b"GUI and API listening" in line:
                    listening.set()

    def log(self) -> str:
        return (self.home / "syncthing.log").read_text(errors="replace")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)

    # --- the REST API ------------------------------------------------------------------------------

    def call(self, method: str, path: str, timeout: float = 70) -> object:
        request = urllib.request.Request(f"http://127.0.0.1:{self.gui_port}{path}", method=method,
                                         headers={"X-API-Key": self.api_key})
        for attempt in range(5):  # the API may reset the first connections while it starts
            try:
                with urllib.request.urlopen(request, timeout=timeout) as reply:
                    body = reply.read()
                return json.loads(body) if body.strip() else None
            except (ConnectionResetError, urllib.error.URLError):
                if attempt == 4:
                    raise
        return None

    def events(self, timeout: int = 10) -> list[dict]:
        found = self.call("GET", f"/rest/events?since={self.last_event}&timeout={timeout}",
                          timeout=timeout + 10)
        assert isinstance(found, list)
        if found:
            self.last_event = found[-1]["id"]
        return found

    def scan(self) -> None:
        self.call("POST", f"/rest/db/scan?folder={FOLDER_ID}")

    def status(self) -> dict:
        found = self.call("GET", f"/rest/db/status?folder={FOLDER_ID}")
        assert isinstance(found, dict)
        return found

    def completion(self, peer: Instance) -> dict:
        found = self.call("GET", f"/rest/db/completion?folder={FOLDER_ID}&device={peer.device_id}")
        assert isinstance(found, dict)
        return found

    def connected(self, peer: Instance) -> bool:
        found = self.call("GET", "/rest/system/connections")
        assert isinstance(found, dict)
        return bool(found["connections"].get(peer.device_id, {}).get("connected"))

    def pause(self, peer: Instance) -> None:
        self.call("POST", f"/rest/system/pause?device={peer.device_id}")

    def resume(self, peer: Instance) -> None:
        self.call("POST", f"/rest/system/resume?device={peer.device_id}")


class Pair:
    """Computers A and B, each with its own Syncthing and its own copy of the journal folder."""

    def __init__(self, root: Path):
        self.a = Instance("A", root / "syncthing-a", root / "computer-a" / "journal")
        self.b = Instance("B", root / "syncthing-b", root / "computer-b" / "journal")

    def start(self) -> None:
        for one in (self.a, self.b):
            one.generate()
        self.a.configure(self.b)
        self.b.configure(self.a)
        for one in (self.a, self.b):
            one.start()
        self.wait(lambda: self.a.connected(self.b) and self.b.connected(self.a), "connected")

    def stop(self) -> None:
        for one in (self.a, self.b):
            one.stop()

    def wait(self, done, what: str) -> None:
        """Until done() holds, waking on each Syncthing event; at most WAIT_SECONDS."""
        deadline = time.monotonic() + WAIT_SECONDS
        while not done():
            assert time.monotonic() < deadline, f"Syncthing never reached: {what}"
            for one in (self.a, self.b):
                one.events(timeout=1)

    def in_sync(self) -> None:
        """Both scanned, both idle, nothing needed on either side, the same global state."""
        for one in (self.a, self.b):
            one.scan()

        def settled() -> bool:
            try:
                status = [one.status() for one in (self.a, self.b)]
                complete = [self.a.completion(self.b), self.b.completion(self.a)]
            except urllib.error.URLError:
                return False
            return (all(s["state"] == "idle" and s["needTotalItems"] == 0 for s in status)
                    and all(c["completion"] == 100 and c["needItems"] == 0 for c in complete)
                    and status[0]["globalFiles"] == status[1]["globalFiles"]
                    and status[0]["inSyncFiles"] == status[0]["globalFiles"]
                    and status[1]["inSyncFiles"] == status[1]["globalFiles"])

        self.wait(settled, "in sync")

    def pause(self) -> None:
        self.a.pause(self.b)
        self.b.pause(self.a)
        self.wait(lambda: not self.a.connected(self.b) and not self.b.connected(self.a),
                  "paused")

    def resume(self) -> None:
        self.a.resume(self.b)
        self.b.resume(self.a)
        self.wait(lambda: self.a.connected(self.b) and self.b.connected(self.a), "connected")
