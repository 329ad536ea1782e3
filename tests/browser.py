"""Headless Chromium (Debian's `chromium`) for the report tests: print, screenshot, dump DOM.

Every run gets a fresh profile, no background or component traffic, and a host resolver that
resolves nothing, so a page that tried to fetch anything from the network could not.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "make test installs Debian's chromium; the report is tested in a real browser"
    return path


def chromium(page: Path, work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on a local file with a fresh profile under ``work``."""
    profile = work / f"profile-{len(list(work.glob('profile-*')))}"
    return subprocess.run(
        [chromium_path(), *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
