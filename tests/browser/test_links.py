"""Every internal link of the built site leads somewhere: linkchecker over the served site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_linkchecker_finds_no_broken_internal_link(site_url: str, tmp_path: Path) -> None:
    linkchecker = Path(sys.executable).parent / "linkchecker"
    settings = tmp_path / "linkcheckerrc"
    settings.write_text("[checking]\nmaxrequestspersecond=1000\n")
    result = subprocess.run(
        [
            str(linkchecker), f"--config={settings}", "--no-status", "--no-warnings", "--recursion-level=10",
            r"--ignore-url=^https?://(?!127\.0\.0\.1[:/])",  # other sites: no network here
            "--ignore-url=^mailto:", "--ignore-url=^tel:", "--ignore-url=^sms:",
            "--output=text", site_url,
        ],
        capture_output=True, text=True, check=False, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 errors found" in result.stdout or " 0 errors" in result.stdout
