"""One window per home folder: a second launch hands its --open request to the first and exits."""

from __future__ import annotations

import json
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 500  # How long a second launch waits to reach the first one
MAX_MESSAGE_BYTES = 4096  # Requests are tiny; anything larger is not ours


def send_to_running(key: str, page: str | None, start: bool) -> bool:
    """Pass a request to a running instance; True when one received it."""
    socket = QLocalSocket()
    socket.connectToServer(key)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    payload = json.dumps({"page": page, "start": start}).encode() + b"\n"
    socket.write(payload)
    delivered = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    # Wait for the first instance's acknowledgement so the request is never lost mid-air.
    acknowledged = delivered and socket.waitForReadyRead(CONNECT_TIMEOUT_MS * 4)
    socket.disconnectFromServer()
    return bool(acknowledged)


class InstanceServer(QObject):
    """Listens for later launches; emits request(page, start) for each."""

    request = Signal(object, bool)  # page id or None, start

    def __init__(self, key: str, parent: QObject | None = None):
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        if not self._server.listen(key):
            # A socket left behind by a crash: nobody answered on it, so it is safe to remove.
            QLocalServer.removeServer(key)
            if not self._server.listen(key):
                log.warning("single-instance socket unavailable: %s", self._server.errorString())

    def is_listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.setParent(self)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_MESSAGE_BYTES:
                socket.abort()
            return
        line = bytes(socket.readLine().data())
        try:
            message = json.loads(line)
            page = message.get("page")
            start = bool(message.get("start", False))
        except (ValueError, AttributeError):
            log.warning("ignored a malformed request from another launch")
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        self.request.emit(page if isinstance(page, str) else None, start)
