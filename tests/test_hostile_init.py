"""``orgdiff init`` in a folder someone else prepared.

``init`` leaves existing files alone; but a *dangling* symbolic link (``orgdiff.toml ->
~/.config/autostart/x.desktop``, say, in a cloned repository) does not "exist", and the write
went through it and created the file it names, outside the folder. A link of any kind is now
left as it is, like a file.
"""

from __future__ import annotations

import os
from pathlib import Path

from .conftest import run_cli


def test_a_dangling_link_is_not_written_through(tmp_path: Path) -> None:
    folder, elsewhere = tmp_path / "repo", tmp_path / "elsewhere"
    folder.mkdir()
    elsewhere.mkdir()
    os.symlink(elsewhere / "planted.toml", folder / "orgdiff.toml")
    os.symlink(elsewhere / "planted.yaml", folder / "current.yaml")
    result = run_cli("init", folder)
    assert result.code == 0 and "Traceback" not in result.err
    assert list(elsewhere.iterdir()) == []
    assert result.err.splitlines() == [
        f"{folder / 'orgdiff.toml'}: exists, left as it is",
        f"{folder / 'current.yaml'}: exists, left as it is",
    ]
    assert (folder / "orgdiff.toml").is_symlink() and (folder / "current.yaml").is_symlink()


def test_a_fresh_folder_still_gets_both_files(tmp_path: Path) -> None:
    result = run_cli("init", tmp_path / "new")
    assert result.code == 0, result.err
    assert (tmp_path / "new" / "orgdiff.toml").is_file()
    assert (tmp_path / "new" / "current.yaml").is_file()
