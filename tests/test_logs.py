"""The log file IT staff ask for: it rotates instead of growing, and never stops the program."""

from __future__ import annotations

import logging

from perfdesk.logs import RotatingLog


def _logger(handler: logging.Handler) -> logging.Logger:
    logger = logging.getLogger(f"perfdesk.test.{id(handler)}")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    return logger


def test_the_log_rotates_and_keeps_a_fixed_number_of_old_files(tmp_path):
    path = tmp_path / "perfdesk.log"
    handler = RotatingLog(path, max_bytes=2_000, backups=2)
    assert not path.exists()  # nothing is opened until there is something to write
    logger = _logger(handler)
    for n in range(200):
        logger.info("第%d条记录：保存失败，磁盘已满", n)
    handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["perfdesk.log", "perfdesk.log.1", "perfdesk.log.2"]
    assert all(p.stat().st_size < 2_000 + 200 for p in tmp_path.iterdir())
    newest = path.read_text(encoding="utf-8")
    assert "第199条记录" in newest and "第0条记录" not in (tmp_path / "perfdesk.log.2").read_text(encoding="utf-8")


def test_a_log_that_cannot_rotate_keeps_appending(tmp_path, monkeypatch):
    path = tmp_path / "perfdesk.log"
    handler = RotatingLog(path, max_bytes=100, backups=2)
    logger = _logger(handler)

    def locked(*_args: object) -> None:
        raise PermissionError(13, "另一个程序正在使用此文件")

    monkeypatch.setattr("perfdesk.logs.os.replace", locked)
    for n in range(20):
        logger.info("记录%d", n)
    handler.close()
    text = path.read_text(encoding="utf-8")
    assert "记录0" in text and "记录19" in text


def test_a_rotation_that_cannot_start_keeps_every_old_file(tmp_path, monkeypatch):
    """Another perfdesk holds perfdesk.log on Windows: the backups must not shift each time."""
    import os

    path = tmp_path / "perfdesk.log"
    for number, text in ((1, "一"), (2, "二"), (3, "三")):
        (tmp_path / f"perfdesk.log.{number}").write_text(text, encoding="utf-8")
    handler = RotatingLog(path, max_bytes=50, backups=3)
    logger = _logger(handler)
    real_replace = os.replace

    def held(src: str, dst: str) -> None:
        if str(src) == str(path):
            raise PermissionError(13, "另一个程序正在使用此文件")
        real_replace(src, dst)

    monkeypatch.setattr("perfdesk.logs.os.replace", held)
    for n in range(30):
        logger.info("记录%d", n)
    handler.close()
    assert [(tmp_path / f"perfdesk.log.{n}").read_text(encoding="utf-8") for n in (1, 2, 3)] == ["一", "二", "三"]
    assert "记录29" in path.read_text(encoding="utf-8")


def test_a_log_that_cannot_be_opened_never_reaches_the_caller(tmp_path, capsys):
    path = tmp_path / "perfdesk.log"
    path.mkdir()  # not a file: opening it fails, as in a read-only profile
    logger = _logger(RotatingLog(path))
    logger.error("保存失败")  # must not raise
    logger.exception("又失败了")
    assert capsys.readouterr().err == ""
