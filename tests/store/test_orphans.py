"""Temp files of killed saves are removed on the next save; another process's live temp file never is."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from perfdesk.sample import sample_project
from perfdesk.store import save_project
from perfdesk.store.orphans import remove_orphan_temp_files

ROOT = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from perfdesk.textfile import temp_beside
    tmp = temp_beside(Path(sys.argv[1]))
    with tmp.open("wb") as handle:
        handle.write(b"SQLite format 3\\x00 half a save")
        handle.flush()
        print(tmp, flush=True)
        time.sleep(60)
    """
)


def _age(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def _planted(folder: Path) -> tuple[Path, list[Path]]:
    orphan = folder / ".~项目.k3j_9x0q.tmp"
    orphan.write_bytes(b"SQLite format 3\x00 killed save")
    _age(orphan, 120)
    lookalikes = [folder / ".~lock.项目.db#", folder / ".~项目.tmp", folder / "项目.abcdefgh.tmp",
                  folder / ".~项目.TOOLONG12.tmp"]
    for path in lookalikes:
        path.write_bytes(b"not perfdesk's")
        _age(path, 3600)
    return orphan, lookalikes


def test_save_removes_old_orphans_but_not_a_live_temp_file_of_another_process(tmp_path):
    path = tmp_path / "项目.db"
    orphan, lookalikes = _planted(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, env=env)
    try:
        assert writer.stdout is not None
        live = Path(writer.stdout.readline().decode().strip())
        assert live.exists() and live.parent == tmp_path.resolve()
        save_project(sample_project(), path)
        assert not orphan.exists()
        assert live.exists() and live.read_bytes().endswith(b"half a save")  # another save in progress
        assert all(p.exists() for p in lookalikes)  # not perfdesk's pattern
    finally:
        writer.kill()
        writer.wait()
    assert path.exists()


def test_only_files_older_than_a_minute_and_only_regular_files(tmp_path):
    young = tmp_path / ".~a.abcdefgh.tmp"
    young.write_bytes(b"")
    _age(young, 50)
    old = tmp_path / ".~a.ijklmnop.tmp"
    old.write_bytes(b"")
    _age(old, 70)
    folder = tmp_path / ".~b.qrstuvwx.tmp"
    folder.mkdir()
    os.utime(folder, (time.time() - 3600, time.time() - 3600))
    assert remove_orphan_temp_files(tmp_path) == [old]
    assert young.exists() and folder.is_dir()
    assert remove_orphan_temp_files(tmp_path / "missing") == []
