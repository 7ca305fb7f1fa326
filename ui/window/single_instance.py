"""One window per database file.

The first instance on a database listens on a QLocalServer named after a hash of the user name
and the resolved database path: two databases can be open at once, another user's instance is
never reached, and the name reveals nothing of the path. A second start on the same file connects,
sends "activate", waits for "ok", and exits; the first brings its window to the front.

A crashed instance leaves its socket file behind (POSIX): when listening fails because the name
is in use but nothing answers a connection, the stale name is removed and claimed.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from models.store.server import is_server_url, shown_url

OWNER, ACTIVATED, NO_ANSWER = "owner", "activated", "no-answer"
ACTIVATE, ACK = b"activate\n", b"ok\n"
CONNECT_MS = 500
ANSWER_MS = 5_000  # the first instance may be busy with a long action for a moment
MAX_LINE = 256

log = logging.getLogger("kakehashi.single_instance")


def server_name(db_path: str | os.PathLike) -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no login name in the environment or the password database
        user = str(os.getuid()) if hasattr(os, "getuid") else ""
    where = (shown_url(db_path) if is_server_url(db_path)
             else os.path.normcase(str(Path(db_path).expanduser().resolve())))
    digest = hashlib.sha256(f"{user}\0{where}".encode()).hexdigest()[:32]
    return f"kakehashi-{digest}"


def bring_to_front(window: QWidget) -> None:
    """Un-minimize (keeping maximized or full-screen), raise and focus the window."""
    state = window.windowState() & ~Qt.WindowState.WindowMinimized
    window.setWindowState(state | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()


class SingleInstance(QObject):
    """Claims a database for this process; `activate_requested` fires when a second start asks."""

    activate_requested = Signal()

    def __init__(self, db_path: str | os.PathLike, parent: QObject | None = None):
        super().__init__(parent)
        self.name = server_name(db_path)
        self.server: QLocalServer | None = None

    def claim(self) -> str:
        """OWNER when this process now owns the database (or could not tell: it runs anyway),
        ACTIVATED when another instance owns it and came to the front, NO_ANSWER when another
        instance owns it but did not answer."""
        for _attempt in range(3):  # a second start may race us between asking and listening
            reply = self._ask_owner()
            if reply is not None:
                return reply
            if self._listen():
                return OWNER
        log.warning("Could not claim the single-instance name %s; running unguarded", self.name)
        return OWNER

    def close(self) -> None:
        if self.server is not None:
            self.server.close()  # removes the socket file, so no stale name is left
            self.server = None

    # the second instance ---------------------------------------------------------------------
    def _ask_owner(self) -> str | None:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_MS):
            return None
        socket.write(ACTIVATE)
        socket.flush()
        received = b""
        while ACK not in received and socket.waitForReadyRead(ANSWER_MS):
            received += socket.readAll().data()
        socket.abort()
        return ACTIVATED if ACK in received else NO_ANSWER

    # the first instance ----------------------------------------------------------------------
    def _reachable(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        connected = socket.waitForConnected(CONNECT_MS)
        socket.abort()
        return connected

    def _listen(self) -> bool:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        listening = server.listen(self.name)
        if (not listening and server.serverError() == QAbstractSocket.SocketError.AddressInUseError
                and not self._reachable()):
            log.info("Removing the stale single-instance name %s", self.name)
            QLocalServer.removeServer(self.name)
            listening = server.listen(self.name)
        if not listening:
            log.info("Listening on %s failed: %s", self.name, server.errorString())
            server.deleteLater()
            return False
        server.newConnection.connect(self._on_connection)
        self.server = server
        return True

    def _on_connection(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.disconnected.connect(socket.deleteLater)
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            if socket.bytesAvailable():
                self._on_ready_read(socket)

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            if socket.readLine().data() == ACTIVATE:
                socket.write(ACK)
                socket.flush()
                log.info("Another start on this database asked for the window")
                self.activate_requested.emit()
        if socket.bytesAvailable() > MAX_LINE:  # not one of ours: drop it
            socket.abort()
