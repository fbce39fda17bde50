"""The project lock as a store service: exclusive files, no links followed, unreadable info is harmless."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from perfdesk.store import lock as lock_module
from perfdesk.store.lock import ProjectLock, current_host

ROOT = Path(__file__).resolve().parents[2]


def _project(tmp_path: Path) -> Path:
    path = tmp_path / "共享.db"
    path.write_bytes(b"")
    return path


def test_lock_info_names_the_holder_and_release_removes_both_files(tmp_path):
    path = _project(tmp_path)
    mine = ProjectLock(path)
    assert mine.acquire() and mine.is_held()
    owner = ProjectLock(path).owner()
    assert owner is not None and owner.pid == os.getpid() and owner.host == current_host() and owner.since != "?"
    assert not ProjectLock(path).acquire()  # a second lock object is refused, as another process would be
    mine.release()
    assert not mine.lock_path.exists() and not mine.info_path.exists()
    assert ProjectLock(path).owner() is None


def test_lock_info_is_never_written_through_a_link(tmp_path):
    path = _project(tmp_path)
    victim = tmp_path / "别人的文件.txt"
    victim.write_text("不能被覆盖", encoding="utf-8")
    lock = ProjectLock(path)
    lock.info_path.symlink_to(victim)
    assert lock.acquire()
    assert victim.read_text(encoding="utf-8") == "不能被覆盖"
    assert not lock.info_path.is_symlink() and lock.info_path.is_file()
    assert ProjectLock(path).owner().pid == os.getpid()
    lock.release()
    assert victim.read_text(encoding="utf-8") == "不能被覆盖"


def test_a_planted_lock_link_is_not_followed_or_written(tmp_path):
    path = _project(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("原样", encoding="utf-8")
    lock = ProjectLock(path)
    lock.lock_path.symlink_to(victim)
    assert not lock.acquire()  # held by an unknown holder: the clerk may open read-only or take over
    assert lock.unwritable is None
    owner = lock.owner()
    assert owner is not None and not owner.known
    assert lock.take_over()
    assert victim.read_text(encoding="utf-8") == "原样"
    assert not lock.lock_path.is_symlink()
    lock.release()


@pytest.mark.parametrize("info", [b"[]", b'"x"', b'{"pid": null}', b'{"pid": 1e400}', b"\xff\xfe garbage {",
                                  b'{"user": ["a"], "host": 5, "since": {}, "pid": true}', b"[" * 100_000])
def test_unreadable_lock_info_is_an_unknown_holder(tmp_path, info):
    path = _project(tmp_path)
    holder = ProjectLock(path)
    assert holder.acquire()
    holder.info_path.write_bytes(info)
    owner = ProjectLock(path).owner()
    assert owner is not None
    assert owner.user == "?" and owner.since == "?"
    assert owner.host == current_host() and owner.pid == os.getpid()  # still known from the lock file itself
    assert "（" in owner.describe()
    holder.release()


@pytest.mark.parametrize("info", [b"[]", b'"x"', b'{"pid": null}', b'{"pid": 1e400}', b"\x00\x01garbage"])
def test_a_stale_lock_with_garbage_info_does_not_stop_opening(tmp_path, info):
    path = _project(tmp_path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock = ProjectLock(path)
    lock.lock_path.write_text(f"{int(dead.stdout)}\nperfdesk\n{current_host()}\n", encoding="utf-8")
    lock.info_path.write_bytes(info)
    assert lock.acquire()  # its process is gone on this computer: stale
    lock.release()


def test_lock_from_another_computer_counts_as_held(tmp_path):
    path = _project(tmp_path)
    lock = ProjectLock(path)
    lock.lock_path.write_text("4242\nperfdesk\nDESK-OTHER\n", encoding="utf-8")
    lock.info_path.write_text('{"user": "张三", "host": "DESK-OTHER", "since": "2026-11-28 09:30", "pid": 4242}',
                              encoding="utf-8")
    assert not lock.acquire() and lock.unwritable is None
    assert lock.owner().describe() == "张三（计算机 DESK-OTHER，自 2026-11-28 09:30 起）"


def test_read_only_medium_is_not_called_a_holder(tmp_path, monkeypatch):
    path = _project(tmp_path)
    lock = ProjectLock(path)
    real_open = os.open

    def refuse(file, flags, *args):
        if Path(file) == lock.lock_path and flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", str(file))
        return real_open(file, flags, *args)

    monkeypatch.setattr(lock_module.os, "open", refuse)
    assert not lock.acquire()
    assert lock.unwritable is not None and lock.unwritable.errno == errno.EROFS
    assert lock.owner() is None  # nobody holds it


HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from perfdesk.store.lock import ProjectLock
    lock = ProjectLock(Path(sys.argv[1]))
    print("locked" if lock.acquire() else "busy", flush=True)
    time.sleep(60)
    """
)


def test_lock_needs_no_qt_and_a_killed_holder_leaves_a_stale_lock(tmp_path):
    path = _project(tmp_path)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-X", "importtime", "-c", HOLDER, str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"locked"
        mine = ProjectLock(path)
        assert not mine.acquire()
        assert mine.owner().pid == proc.pid
    finally:
        proc.kill()
        _, imports = proc.communicate()
    assert b"PySide6" not in imports
    assert ProjectLock(path).acquire()


def test_a_lock_left_empty_by_a_process_killed_at_once_goes_stale_after_a_grace_period(tmp_path):
    # SIGKILL between creating .lock and writing it leaves an empty file that names nobody.
    path = _project(tmp_path)
    lock = ProjectLock(path)
    lock.lock_path.write_bytes(b"")
    assert not lock.acquire()  # fresh: perhaps its creator is writing it right now
    past = time.time() - lock_module.UNWRITTEN_LOCK_GRACE_SECONDS - 1
    os.utime(lock.lock_path, (past, past))
    assert lock.acquire()
    lock.release()


def test_a_planted_lock_that_names_nobody_is_not_stale_through_a_link(tmp_path):
    path = _project(tmp_path)
    lock = ProjectLock(path)
    target = tmp_path / "empty"
    target.write_bytes(b"")
    past = time.time() - 3600
    os.utime(target, (past, past))
    lock.lock_path.symlink_to(target)
    assert not lock.acquire()
