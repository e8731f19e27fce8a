"""A language-analysis worker that outlives a build, so that spaCy's model loads once.

Loading the French model takes seconds (most of it compiling the tokenizer's patterns): more
than the rest of a build after a contributor changed one sentence. So the first build or check
that needs new analyses starts this worker in the background and waits for it; the worker loads
the model once, answers that build and the next ones (and the live preview) through a Unix
socket in the cache folder, and stops after `IDLE_SECONDS` without a question.

Its answers come from the same function as in a build's own process (`encode_sentences`), so a
site is the same with or without it. Any trouble (a worker that cannot start, dies or answers
nonsense) and the sentences are analysed in the build's own process, as without a worker.

It is off on CI, where each machine builds once and nothing is left to share, and wherever
GENERATOR_ANALYSES_WORKER=non. The socket's name carries a digest of this folder's code and of
the model's version: after an update, a new worker starts and the old one stops when idle.

    python -m generator.falc.worker SOCKET IDLE_SECONDS     (started by `analyses_from_worker`)
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..background import (
    ask_to_stop,
    connect,
    is_locked,
    listening,
    receive,
    send,
    sole_lock,
    start_detached,
    usable,
)
from ..locations import code_digest, falc_worker_folder
from .analysis import CACHE_VERSION, MODEL, encode_sentences, load_model
from .rules import needs_lemma

IDLE_SECONDS = 600  # a contributor's pause between two edits, and then some
START_SECONDS = 60  # the model loads in a few seconds; beyond this, something is wrong
ANSWER_SECONDS = 60
_POLL_SECONDS = 0.05


def enabled() -> bool:
    return os.environ.get("GENERATOR_ANALYSES_WORKER", "oui") != "non" and not os.environ.get("CI")


def socket_path() -> Path:
    """The socket of the worker for this code and this model."""
    digest = hashlib.sha256(f"{CACHE_VERSION}/{version('spacy')}/{version(MODEL.replace('_', '-'))}".encode())
    digest.update(code_digest("falc/*.py").encode())
    return falc_worker_folder() / f"{digest.hexdigest()[:12]}.sock"


# --- The client: a build or a check -------------------------------------------------------


def analyses_from_worker(texts: list[str]) -> list[Any] | None:
    """The analyses of `texts` from the worker, started if none runs; None when it cannot answer."""
    path = socket_path()
    if not enabled() or not usable(path):
        return None
    connection = connect(path, ANSWER_SECONDS) or _start_and_connect(path)
    if connection is None:
        return None
    with connection:
        try:
            send(connection, {"texts": texts})
            answer = receive(connection)
        except (OSError, ValueError):
            return None
    analyses = answer.get("analyses") if isinstance(answer, dict) else None
    return analyses if isinstance(analyses, list) else None


def stop_worker() -> bool:
    """Ask the running worker, if any, to stop now (tests, or to free its memory)."""
    return ask_to_stop(socket_path(), ANSWER_SECONDS)


def _start_and_connect(path: Path) -> socket.socket | None:
    """Start a worker in the background, then wait until it listens (it has loaded the model)."""
    try:
        starter = start_detached("generator.falc.worker", path, IDLE_SECONDS)
        if starter.wait(timeout=START_SECONDS) != 0:  # it returns once the worker has its lock
            return None
    except (OSError, subprocess.TimeoutExpired):
        return None
    for _ in range(int(START_SECONDS / _POLL_SECONDS)):
        if connection := connect(path, ANSWER_SECONDS):
            return connection
        if not is_locked(path):  # the worker died loading the model
            return None
        time.sleep(_POLL_SECONDS)
    return None


# --- The worker ----------------------------------------------------------------------------


def serve(path: Path, idle_seconds: float) -> None:
    """Take the socket's lock, leave the starter (it returns to the build), load the model, then
    answer until `idle_seconds` pass without a question. Two builds may each start a worker:
    the second finds the lock taken and stops at once."""
    with sole_lock(path) as lock:
        if lock is None:
            return  # another worker serves this socket, or is loading the model for it
        if os.fork():
            os._exit(0)  # the starter; the worker, its child, keeps the lock and lives on
        load_model()
        with listening(path) as server:
            server.settimeout(idle_seconds)
            while _answer_one(server):
                pass


def _answer_one(server: socket.socket) -> bool:
    """Answer one question; False when it is time to stop."""
    try:
        connection, _ = server.accept()
    except TimeoutError:
        return False
    with connection:
        connection.settimeout(ANSWER_SECONDS)
        try:
            question = receive(connection)
            if question.get("stop"):
                send(connection, {})
                return False
            send(connection, {"analyses": encode_sentences(list(question["texts"]), needs_lemma)})
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # a client that left or asked nonsense: it analyses on its own
    return True


if __name__ == "__main__":
    serve(Path(sys.argv[1]), float(sys.argv[2]))
