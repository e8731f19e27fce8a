"""The live preview (`make serve`): an edited record shows in the browser; a broken one is explained."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import ROOT

PAGE = "/services/aide-alpha/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


class Preview:
    def __init__(self, port: int, log: Path) -> None:
        self.port, self.log = port, log

    def page(self, path: str = PAGE) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except (urllib.error.URLError, ConnectionError):
            return ""

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")


@pytest.fixture
def preview(content_dir: Path, tmp_path: Path) -> Iterator[Preview]:
    """`python -m generator serve`, started from another folder than the repository."""
    port, log = free_port(), tmp_path / "serve.log"
    environment = os.environ | {"PYTHONPATH": str(ROOT)}
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--content", str(content_dir), "--port", str(port)],
            cwd=tmp_path, stdout=output, stderr=subprocess.STDOUT, env=environment,
        )  # fmt: skip
        try:
            running = Preview(port, log)
            assert wait_for(lambda: "Aide Alpha" in running.page(), 90), running.output()
            yield running
        finally:
            process.terminate()
            process.wait(timeout=10)


def edit(record: Path, old: str, new: str) -> None:
    text = record.read_text(encoding="utf-8")
    assert old in text
    record.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edited_record_shows_in_the_preview(preview: Preview, content_dir: Path) -> None:
    assert "Une aide pour payer vos trajets." in preview.page()
    edit(content_dir / "services" / "aide-alpha.yml", "payer vos trajets", "payer vos billets de bus")
    assert wait_for(lambda: "Une aide pour payer vos billets de bus." in preview.page(), 30)


def test_a_broken_record_is_explained_and_the_last_good_page_stays(
    preview: Preview, content_dir: Path
) -> None:
    edit(content_dir / "services" / "aide-alpha.yml", "publics: [jeunes]", "publics: [etudiants]")
    assert wait_for(lambda: "ref/public-inconnu" in preview.output(), 30), preview.output()
    assert "aide-alpha.yml:5: publics" in preview.output()
    assert "Une aide pour payer vos trajets." in preview.page()


def test_the_preview_answers_only_requests_for_its_own_address(preview: Preview) -> None:
    """A web page the contributor visits cannot reach the preview under another host name."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{preview.port}{PAGE}", headers={"Host": "evil.example"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 421
    refused.value.close()
    assert "Aide Alpha" in preview.page()  # its own address still works


def test_a_busy_port_is_explained_in_french(content_dir: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "generator", "serve", "--content", str(content_dir), "--port", str(port)],
            cwd=tmp_path, capture_output=True, text=True, timeout=120, env=os.environ | {"PYTHONPATH": str(ROOT)},
        )  # fmt: skip
    assert result.returncode == 1
    assert (
        f"L'aperçu ne peut pas démarrer : le port {port} est déjà utilisé par un autre programme."
        in result.stderr
    )
    assert f"--port {port + 1}" in result.stderr
    assert "Traceback" not in result.stderr
