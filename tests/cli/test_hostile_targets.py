"""Odd output targets: links, devices, FIFOs, read-only files and the input itself (issue 20, items 1, 2, 4, 5)."""

from __future__ import annotations

import errno
import os
import stat
import subprocess

import pytest
from mainrun import run_main

from perfdesk.errors import FileWriteError
from perfdesk.sample import sample_project
from perfdesk.store import open_project, save_project


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_main(*args, text=True)


def one_chinese_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith("错误：")
    return lines[0]


def test_writing_to_a_symlink_updates_its_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    target = real / "project.db"
    save_project(sample_project(), target)
    link = tmp_path / "OUT.db"
    link.symlink_to(target)
    project = sample_project()
    project.forms[0].department = "经由链接保存"
    save_project(project, link)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert open_project(target).forms[0].department == "经由链接保存"
    # The CLI's other writers (json, pdf, xlsx) too.
    json_target = real / "out.json"
    json_target.write_text("old", encoding="utf-8")
    (tmp_path / "out.json").symlink_to(json_target)
    assert run("export-json", str(target), str(tmp_path / "out.json")).returncode == 0
    assert (tmp_path / "out.json").is_symlink() and "经由链接保存" in json_target.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~")]


def test_a_fifo_is_refused_with_exit_3_and_stays_a_fifo(tmp_path):
    db = tmp_path / "p.db"
    save_project(sample_project(), db)
    for command, name in (("export-pdf", "out.pdf"), ("export-xlsx", "out.xlsx"), ("export-json", "out.json")):
        fifo = tmp_path / name
        os.mkfifo(fifo)
        result = run(command, str(db), str(fifo))
        assert result.returncode == 3, (command, result.stderr)
        assert "不是普通文件" in one_chinese_line(result)
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    fifo = tmp_path / "sample.db"
    os.mkfifo(fifo)
    result = run("sample", str(fifo))
    assert result.returncode == 3 and stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_refused_and_stays_a_device(tmp_path):
    db = tmp_path / "p.db"
    save_project(sample_project(), db)
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a private /dev/null
    link = tmp_path / "via-link.pdf"
    link.symlink_to(null)
    for out in (null, link):
        result = run("export-pdf", str(db), str(out))
        assert result.returncode == 3
        assert "不是普通文件" in one_chinese_line(result)
        assert stat.S_ISCHR(os.stat(null).st_mode)


def test_a_folder_as_output_is_refused_in_chinese(tmp_path):
    db = tmp_path / "p.db"
    save_project(sample_project(), db)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    result = run("export-json", str(db), str(folder))
    assert result.returncode == 3
    line = one_chinese_line(result)
    assert "文件夹" in line and "Is a directory" not in line


def test_planted_backup_link_is_replaced_not_followed(tmp_path):
    path = tmp_path / "OUT.db"
    save_project(sample_project(), path)
    other = tmp_path / "other.txt"
    other.write_text("someone else's file", encoding="utf-8")
    backup = tmp_path / "OUT.db.bak"
    backup.symlink_to(other)
    save_project(sample_project(), path, keep_backup=True)
    assert other.read_text(encoding="utf-8") == "someone else's file"
    assert not backup.is_symlink()
    assert open_project(backup).forms[0].department == sample_project().forms[0].department


def test_a_full_disk_while_backing_up_keeps_the_last_good_backup(tmp_path, monkeypatch):
    path = tmp_path / "OUT.db"
    save_project(sample_project(), path)
    backup = tmp_path / "OUT.db.bak"
    backup.write_bytes(path.read_bytes())
    good_backup = backup.read_bytes()
    changed = sample_project()
    changed.forms[0].department = "新的内容"
    save_project(changed, path)
    before = path.read_bytes()
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(tmp_path / ".~OUT.db.")):  # the backup's temp file
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(FileWriteError, match="磁盘空间已满"):
        save_project(sample_project(), path, keep_backup=True)
    assert backup.read_bytes() == good_backup
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["OUT.db", "OUT.db.bak"]


def test_a_read_only_project_file_is_not_overwritten(tmp_path):
    path = tmp_path / "OUT.db"
    save_project(sample_project(), path)
    os.chmod(path, 0o444)
    before = path.read_bytes()
    result = run("import-json", str(_json(tmp_path)), str(path))
    assert result.returncode == 3
    assert "只读" in one_chinese_line(result)
    assert path.read_bytes() == before
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o444


def _json(tmp_path):
    out = tmp_path / "in.json"
    from perfdesk.domain import jsonform

    project = sample_project()
    project.forms[0].department = "不该写进去"
    out.write_text(jsonform.dumps(project), encoding="utf-8")
    return out


def test_output_equal_to_input_is_refused(tmp_path):
    db = tmp_path / "p.db"
    save_project(sample_project(), db)
    before = db.read_bytes()
    (tmp_path / "same.db").symlink_to(db)
    os.link(db, tmp_path / "hard.db")
    cases = [
        ("export-pdf", str(db), str(db)),
        ("export-pdf", str(db), str(tmp_path / "same.db")),
        ("export-xlsx", str(db), str(tmp_path / "." / "p.db")),
        ("export-json", str(db), str(tmp_path / "hard.db")),
    ]
    for args in cases:
        result = run(*args)
        assert result.returncode == 3, (args, result.stderr)
        assert "就是输入文件" in one_chinese_line(result)
        assert db.read_bytes() == before
    workbook = tmp_path / "t.xlsx"
    assert run("export-xlsx", str(db), str(workbook)).returncode == 0
    book = workbook.read_bytes()
    result = run("import-xlsx", str(workbook), str(workbook))
    assert result.returncode == 3 and "就是输入文件" in one_chinese_line(result)
    assert workbook.read_bytes() == book
    json_file = _json(tmp_path)
    result = run("import-json", str(json_file), str(json_file))
    assert result.returncode == 3 and "就是输入文件" in one_chinese_line(result)

