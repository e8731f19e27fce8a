"""Builds and checks that start warm: a process keeps the generator imported, and forks each
command from it.

After a one-record change, a build spent more than a second on what it had done the time
before: starting Python and importing the generator and MkDocs, importing WeasyPrint again
in each printing process, loading wordfreq's word lists. So a `build` or a `check` run in
the usual way leaves behind it a process that has all of that loaded (`serve`), and the
next ones ask it to fork a copy of itself (`run_warm`). The copy runs the command with the
caller's arguments, folder, environment and terminal, and the caller exits with its exit
code; Ctrl+C reaches it as it would reach the command. A copy is a new process for
everything the command does: nothing of one build is left for the next, and the site is the
same as without it (tests/test_warm_start.py).

Like the analysis worker (falc/worker.py): it stops after `IDLE_SECONDS` without a command,
it is off on CI and wherever GENERATOR_BUILD_WORKER=non, and its socket's name carries a
digest of the generator's files and of the installed packages: after an update, the next
command runs as usual and leaves a new process; the old one stops when idle.

    python -m generator.warm_start SOCKET IDLE_SECONDS     (started by `start_in_background`)
"""

from __future__ import annotations

import functools
import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from .background import (
    LENGTH_BYTES,
    ask_to_stop,
    connect,
    encoded,
    from_this_user,
    listening,
    receive,
    receive_after,
    send,
    sole_lock,
    start_detached,
    usable,
)
from .locations import PACKAGE, cache_root

COMMANDS = ("build", "check")  # the commands a contributor runs again and again
IDLE_SECONDS = 600
ANSWER_SECONDS = 10  # to fork a copy; the command itself takes the time it needs
_REAP_SECONDS = 1.0
_STANDARD_STREAMS = (0, 1, 2)
_FORWARDED_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def enabled() -> bool:
    return os.environ.get("GENERATOR_BUILD_WORKER", "oui") != "non" and not os.environ.get("CI")


def socket_path() -> Path:
    """The socket of the warm process for this code and these packages."""
    return cache_root() / "warm-start" / f"{_code_and_packages()}.sock"


@functools.cache
def _code_and_packages() -> str:
    """A digest of the generator's files (their times and sizes: reading them took 70 ms) and
    of the installed packages (their folders' names carry their versions)."""
    digest = hashlib.sha256(sys.executable.encode())
    for source in sorted(PACKAGE.rglob("*")):
        if "__pycache__" in source.parts:
            continue
        state, name = source.stat(), source.relative_to(PACKAGE).as_posix()
        digest.update(f"{name} {state.st_mtime_ns} {state.st_size}\0".encode())
    for folder in sorted({Path(p) for p in sys.path if p.endswith("site-packages")}):
        digest.update("\0".join(sorted(os.listdir(folder))).encode() if folder.is_dir() else b"")
    return digest.hexdigest()[:12]


# --- The caller: `python -m generator build` ----------------------------------------------


def run_warm(argv: Sequence[str]) -> int | None:
    """The exit code of the command, run by the warm process; None when none runs (or it cannot
    take this command): the caller runs it itself."""
    if not argv or argv[0] not in COMMANDS or not enabled():
        return None
    connection = connect(socket_path(), ANSWER_SECONDS)
    if connection is None:
        return None
    with connection:
        try:
            _ask(connection, list(argv))
            pid = int(receive(connection)["pid"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # nothing ran yet
        connection.settimeout(None)
        with _forwarded_signals(pid):
            try:
                return int(receive(connection)["exit"])
            except (OSError, ValueError, KeyError, TypeError):
                print("La commande s'est arrêtée sans rendre de résultat.", file=sys.stderr)
                return 1


def _ask(connection: socket.socket, argv: list[str]) -> None:
    """The command, with the caller's terminal: its standard streams go along with the message."""
    umask = os.umask(0)
    os.umask(umask)
    data = encoded({"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ), "umask": umask})
    socket.send_fds(connection, [data[:LENGTH_BYTES]], list(_STANDARD_STREAMS))
    connection.sendall(data[LENGTH_BYTES:])


@contextmanager
def _forwarded_signals(pid: int) -> Iterator[None]:
    """Ctrl+C, and a request to stop, go to the command and its own processes (printers,
    Pagefind), as they would to a command started from this terminal."""

    def forward(number: int, _frame: Any) -> None:
        with suppress(ProcessLookupError):  # it has just ended
            os.killpg(pid, number)

    before = {number: signal.signal(number, forward) for number in _FORWARDED_SIGNALS}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def start_in_background() -> subprocess.Popen[bytes] | None:
    """After a command ran in its own process: leave a warm process for the next ones, unless
    one runs already. It starts in the background; the caller does not wait for it."""
    path = socket_path()
    if not enabled() or not usable(path):
        return None
    if (connection := connect(path, ANSWER_SECONDS)) is not None:
        connection.close()
        return None
    return start_detached("generator.warm_start", path, IDLE_SECONDS)


def stop_warm_process() -> bool:
    """Ask the warm process, if one runs, to stop now (tests and benchmarks, or to free its memory)."""
    return ask_to_stop(socket_path(), ANSWER_SECONDS)


def wait_until_warm(seconds: float = 60) -> bool:
    """Whether a warm process answers within `seconds` (it starts in the background)."""
    for _ in range(int(seconds / 0.1)):
        if connection := connect(socket_path(), ANSWER_SECONDS):
            connection.close()
            return True
        time.sleep(0.1)
    return False


# --- The warm process ----------------------------------------------------------------------


def serve(path: Path, idle_seconds: float) -> None:
    """Take the socket's lock (two commands may each start one: the second stops at once),
    import what every command needs, then fork a copy for each command until `idle_seconds`
    pass without one."""
    with sole_lock(path) as lock:
        if lock is None:
            return
        _warm_up()
        with listening(path) as server:
            server.settimeout(_REAP_SECONDS)
            last = time.monotonic()
            while time.monotonic() - last < idle_seconds:
                _reap_copies()
                try:
                    connection, _ = server.accept()
                except TimeoutError:
                    continue
                last = time.monotonic()
                if not _answer(connection, server, lock):
                    break


def _warm_up() -> None:
    """What a build imports or loads before its work starts: the generator, MkDocs, WeasyPrint
    (the printing processes are forked from the command), wordfreq's word lists."""
    import mkdocs.commands.build  # noqa: F401
    import pagefind.service  # noqa: F401
    import weasyprint  # noqa: F401
    from wordfreq import zipf_frequency

    from . import cli, pipeline  # noqa: F401
    from .commands import build, check  # noqa: F401

    for language in ("fr", "nl", "en"):
        zipf_frequency("bus", language)


def _reap_copies() -> None:
    with suppress(ChildProcessError):  # no copy left
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def _answer(connection: socket.socket, *left_behind: Any) -> bool:
    """Fork a copy for the command asked on `connection` (the copy closes the warm process's
    socket and lock, `left_behind`, which are not its own); False when asked to stop."""
    streams: list[int] = []
    with connection:
        try:
            connection.settimeout(ANSWER_SECONDS)
            length, streams, _, _ = socket.recv_fds(connection, LENGTH_BYTES, len(_STANDARD_STREAMS))
            request = receive_after(connection, length)
            if not from_this_user(connection):
                return True
            if request.get("stop"):
                send(connection, {})
                return False
            if request["argv"][0] in COMMANDS and len(streams) == len(_STANDARD_STREAMS) and os.fork() == 0:
                _become_copy(connection, streams, request, left_behind)
        except (OSError, ValueError, LookupError, TypeError, AttributeError):
            pass  # a caller that left, or asked what we do not run: it runs the command itself
        finally:
            for stream in streams:
                os.close(stream)
    return True


def _become_copy(connection: socket.socket, streams: list[int], request: Any, left_behind: Any) -> None:
    """In the copy: run the command, and never go back to the warm process's loop."""
    code = 1
    try:
        for resource in left_behind:
            resource.close()
        code = _run_copy(connection, streams, request)
    finally:
        os._exit(code)


def _run_copy(connection: socket.socket, streams: list[int], request: dict[str, Any]) -> int:
    """In the copy: become the caller's command, run it, tell the caller its exit code."""
    code = 1
    try:
        os.setpgid(0, 0)  # its own group: the caller's Ctrl+C reaches its printers too
        _take_streams(streams)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.umask(int(request["umask"]))
        sys.argv = ["python -m generator", *request["argv"]]
        send(connection, {"pid": os.getpid()})
        connection.settimeout(None)
        code = _exit_code(request["argv"])
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
    send(connection, {"exit": code})
    return code


def _exit_code(argv: list[str]) -> int:
    from .cli import main

    try:
        return main(argv)
    except SystemExit as exit:  # the arguments' parser: --help, or a wrong option
        return 0 if exit.code is None else exit.code if isinstance(exit.code, int) else 1
    except BaseException:
        traceback.print_exc()
        return 1


def _take_streams(streams: list[int]) -> None:
    """The caller's standard input, output and error, set up as Python sets up its own."""
    for number, stream in zip(_STANDARD_STREAMS, streams, strict=True):
        os.dup2(stream, number)
    encoding = sys.stdout.encoding
    sys.stdin = open(0, encoding=encoding, closefd=False)  # noqa: SIM115 (the process's own)
    sys.stdout = open(1, "w", encoding=encoding, closefd=False, buffering=1 if os.isatty(1) else -1)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding=encoding, errors="backslashreplace", closefd=False, buffering=1)  # noqa: SIM115


if __name__ == "__main__":
    serve(Path(sys.argv[1]), float(sys.argv[2]))
