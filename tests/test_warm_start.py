"""Commands forked from a warm process: the same output, exit code and site as run alone, and
Ctrl+C reaches them."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import warm_start
from generator.background import connect, receive

from .conftest import ROOT
from .test_kept_build import _same_tree

DATE = ["--date", "2026-11-23"]


@pytest.fixture
def warm_process(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A warm process serving a cache of its own (a short path: a socket's name is limited)."""
    cache = Path(tempfile.mkdtemp(prefix="warm-"))
    monkeypatch.setenv("GENERATOR_CACHE", str(cache))
    monkeypatch.setenv("GENERATOR_BUILD_WORKER", "oui")
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(warm_start, "IDLE_SECONDS", 60)
    started = warm_start.start_in_background()
    assert started is not None
    try:
        assert warm_start.wait_until_warm()
        yield cache
    finally:
        assert warm_start.stop_warm_process()
        assert started.wait(timeout=30) == 0
        assert warm_start.stop_warm_process() is False  # nothing left running
        shutil.rmtree(cache, ignore_errors=True)


def _alone(*argv: str) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own, as without a warm process."""
    environment = {**os.environ, "GENERATOR_BUILD_WORKER": "non"}
    return subprocess.run(
        [sys.executable, "-m", "generator", *argv], cwd=ROOT, env=_without_ci(environment),
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def _without_ci(environment: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in environment.items() if name != "CI"}


def _without_timing(text: str) -> str:
    return "\n".join(
        line.split(" en ")[0] if " en " in line and line.endswith(" s.") else line
        for line in text.splitlines()
    )


@pytest.mark.usefixtures("warm_process")
def test_a_check_run_warm_says_the_same_and_exits_the_same(
    content_dir: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    record = content_dir / "services" / "aide-alpha.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("03 21 00 00 01", "03 21 00"), encoding="utf-8"
    )
    argv = ["check", "--content", str(content_dir), *DATE]
    alone = _alone(*argv)
    assert alone.returncode == 1 and "telephone" in alone.stdout + alone.stderr

    monkeypatch.chdir(ROOT)
    capfd.readouterr()
    assert warm_start.run_warm(argv) == 1  # not None: the warm process ran it
    warm = capfd.readouterr()
    assert _without_timing(warm.out) == _without_timing(alone.stdout)
    assert _without_timing(warm.err) == _without_timing(alone.stderr)

    assert warm_start.run_warm(["check", "--help"]) == 0  # the parser's own exit
    assert "--content" in capfd.readouterr().out


def test_a_build_run_warm_gives_the_same_site(
    warm_process: Path, content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["build", "--content", str(content_dir), "--sans-flyers", *DATE]
    assert _alone(*argv, "--out", str(tmp_path / "alone")).returncode == 0
    monkeypatch.chdir(ROOT)
    assert warm_start.run_warm([*argv, "--out", str(tmp_path / "warm")]) == 0
    assert _same_tree(tmp_path / "alone", tmp_path / "warm") == []


@pytest.mark.usefixtures("warm_process")
def test_a_command_the_warm_process_does_not_take_runs_alone(content_dir: Path) -> None:
    assert warm_start.run_warm(["serve", "--content", str(content_dir)]) is None  # a server of its own
    assert warm_start.run_warm([]) is None


def test_ctrl_c_reaches_the_command_and_its_own_processes() -> None:
    """The copy leads a process group of its own (its printers, Pagefind): the caller's Ctrl+C
    goes to the whole group, as the terminal would have sent it."""
    group = subprocess.Popen(["sleep", "30"], start_new_session=True)  # the leader of its own group
    with warm_start._forwarded_signals(group.pid):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.1)  # the handler runs by then
    assert group.wait(timeout=10) == -signal.SIGINT


def test_no_warm_process_on_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GENERATOR_CACHE", str(tmp_path))
    monkeypatch.setenv("GENERATOR_BUILD_WORKER", "oui")
    monkeypatch.setenv("CI", "true")
    assert warm_start.start_in_background() is None
    assert warm_start.run_warm(["check"]) is None
    assert not (tmp_path / "warm-start").exists()


@pytest.mark.usefixtures("warm_process")
def test_the_warm_process_runs_nothing_but_the_users_builds_and_checks() -> None:
    """Its socket is the user's only from the start, and a command it does not run is refused:
    whoever reaches it cannot make it write anything else."""
    import stat

    path = warm_start.socket_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for argv in (["import-data-inclusion", "/tmp/x.json"], ["serve"]):
        connection = connect(path, 10)
        assert connection is not None
        with connection:
            warm_start._ask(connection, argv)
            with pytest.raises(ValueError, match="closed"):
                receive(connection)  # no copy forked: closed without an answer
