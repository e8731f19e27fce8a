"""How a command reaches the generator's processes that outlive it: the language-analysis
worker (falc/worker.py) and the warm process that starts builds (warm_start.py).

Each serves a Unix socket in the cache folder, readable by the user only, and holds a lock
beside it while it loads or serves, so that two commands never start two of them. A message
is JSON, after its length in 8 bytes.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import struct
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from .locations import PROJECT_ROOT

LENGTH_BYTES = 8
_SOCKET_PATH_MAX = 107  # bytes: a Unix socket address holds 108, with its final zero


def usable(path: Path) -> bool:
    """Whether a socket can live at `path` (a cache folder deep in the tree may be too long)."""
    return len(os.fsencode(path)) <= _SOCKET_PATH_MAX


def start_detached(module: str, path: Path, idle_seconds: float) -> subprocess.Popen[bytes]:
    """`python -m MODULE SOCKET IDLE_SECONDS`, from the project's folder, in a session of its own:
    the terminal's Ctrl+C, meant for the command, does not stop it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        [sys.executable, "-m", module, str(path), str(idle_seconds)],
        cwd=PROJECT_ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


@contextmanager
def sole_lock(path: Path) -> Iterator[TextIO | None]:
    """The socket's lock, held while the block runs; None when another process holds it: it
    serves this socket, or is starting to (two commands may each start one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file(path), "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            held = None
        else:
            held = lock
        yield held


@contextmanager
def listening(path: Path) -> Iterator[socket.socket]:
    """The socket at `path`, open to the user's own processes only from the moment it exists,
    and removed when the block ends."""
    path.unlink(missing_ok=True)  # left by a process that was killed
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        mask = os.umask(0o177)
        try:
            server.bind(str(path))
        finally:
            os.umask(mask)
        server.listen()
        try:
            yield server
        finally:
            path.unlink(missing_ok=True)


def from_this_user(connection: socket.socket) -> bool:
    """Whether the other end of `connection` runs as this user (the cache folder may be readable
    by others)."""
    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _, uid, _ = struct.unpack("3i", credentials)
    return bool(uid == os.getuid())


def connect(path: Path, timeout: float | None) -> socket.socket | None:
    """A connection to the process serving `path`; None when none does."""
    if not usable(path):
        return None
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(timeout)
    try:
        connection.connect(str(path))
    except OSError:  # no socket, or one a stopped process left
        connection.close()
        return None
    return connection


def ask_to_stop(path: Path, timeout: float) -> bool:
    """Ask the process serving `path`, if any, to stop now (tests, benchmarks, or to free its
    memory); whether one did."""
    connection = connect(path, timeout)
    if connection is None:
        return False
    with connection:
        try:
            send(connection, {"stop": True})
            receive(connection)
        except (OSError, ValueError):
            return False
    return True


def send(connection: socket.socket, message: dict[str, Any]) -> None:
    connection.sendall(encoded(message))


def encoded(message: dict[str, Any]) -> bytes:
    data = json.dumps(message, ensure_ascii=False).encode()
    return len(data).to_bytes(LENGTH_BYTES, "big") + data


def receive(connection: socket.socket) -> Any:
    return receive_after(connection, read_exactly(connection, LENGTH_BYTES))


def receive_after(connection: socket.socket, length: bytes) -> Any:
    """The message whose `length` was read already (it came with file descriptors)."""
    if len(length) != LENGTH_BYTES:
        raise ValueError("a message without its length")
    return json.loads(read_exactly(connection, int.from_bytes(length, "big")))


def read_exactly(connection: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = connection.recv(min(left, 1 << 20))
        if not chunk:
            raise ValueError("connection closed mid-message")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def lock_file(path: Path) -> Path:
    return path.with_suffix(".lock")


def is_locked(path: Path) -> bool:
    """Whether a process holds the socket's lock: it is starting, or serving."""
    with open(lock_file(path), "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
    return False
