"""One window per home folder: a second launch hands its --open request to the first and exits.

The running app listens with Qt's QLocalServer, made just after its first paint (QtNetwork is not
needed to paint). A launch asks with a plain Unix socket on the same path before it paints
anything, so a second window never flashes; on Windows (named pipes) it asks with QLocalSocket.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 500  # How long a second launch waits to reach the first one
MAX_MESSAGE_BYTES = 4096  # Requests are tiny; anything larger is not ours


def instance_address(key: str) -> str:
    """Where the running app listens: a socket in the user's runtime folder (private to them),
    else the temporary folder; on Windows, a pipe's name."""
    if sys.platform == "win32":
        return key
    folder = os.environ.get("XDG_RUNTIME_DIR") or os.environ.get("TMPDIR") or "/tmp"
    return os.path.join(folder, key)


def send_to_running(key: str, page: str | None, start: bool) -> bool:
    """Pass a request to a running instance; True when one received (and acknowledged) it."""
    if sys.platform == "win32":
        return _send_with_qt(instance_address(key), _request(page, start))
    # The socket module's own C core: `socket` itself builds four large enums when imported
    # (18 M instructions, 1.6 % of a launch), and every launch asks this before its first paint.
    import _socket

    connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        connection.settimeout(CONNECT_TIMEOUT_MS / 1000)
        connection.connect(instance_address(key))
        connection.sendall(_request(page, start))
        # Wait for the first instance's acknowledgement so the request is never lost mid-air.
        connection.settimeout(CONNECT_TIMEOUT_MS * 4 / 1000)
        return connection.recv(16).startswith(b"ok")
    except OSError:  # nobody listens (or a socket left by a crash): this launch opens the window
        return False
    finally:
        connection.close()


def _request(page: str | None, start: bool) -> bytes:
    """The request a launch sends, one line of JSON (made only once someone listens)."""
    import json

    return json.dumps({"page": page, "start": start}).encode() + b"\n"


def _send_with_qt(address: str, payload: bytes) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(address)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(payload)
    delivered = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    acknowledged = delivered and socket.waitForReadyRead(CONNECT_TIMEOUT_MS * 4)
    socket.disconnectFromServer()
    return bool(acknowledged)


class InstanceServer(QObject):
    """Listens for later launches once listen() is called; emits request(page, start) for each."""

    request = Signal(object, bool)  # page id or None, start

    def __init__(self, key: str, parent: QObject | None = None):
        super().__init__(parent)
        self._address = instance_address(key)
        self._server: QLocalServer | None = None
        self._closed = False

    def listen(self) -> None:
        """Start answering (once; QtNetwork loads here, after the window's first paint)."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None or self._closed:
            return
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        if not self._server.listen(self._address):
            # A socket left behind by a crash: nobody answered on it, so it is safe to remove.
            QLocalServer.removeServer(self._address)
            if not self._server.listen(self._address):
                log.warning("single-instance socket unavailable: %s", self._server.errorString())

    def is_listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def close(self) -> None:
        self._closed = True
        if self._server is not None:
            self._server.close()

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.setParent(self)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        import json  # the server listens from the first paint on, so this loads after it

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
