"""Headless commands (``python main.py COMMAND …``) over the same services as the GUI.

Every failure is one Chinese line on stderr and a non-zero exit code:
2 when the input cannot be read, 3 when the output cannot be written.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable
from typing import Any

from perfdesk import __version__
from perfdesk.errors import PerfdeskError

log = logging.getLogger("perfdesk.cli")

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Handler]] = {}


def command(name: str, help_text: str, arguments: Callable[[argparse.ArgumentParser], None]):
    def register(handler: Handler) -> Handler:
        COMMANDS[name] = (help_text, arguments, handler)
        return handler

    return register


_ARGPARSE_ZH = (
    ("the following arguments are required: ", "缺少参数："),
    ("unrecognized arguments: ", "无法识别的参数："),
    ("invalid choice: ", "无效的选择："),
    ("expected one argument", "需要一个参数"),
    ("invalid int value: ", "不是整数："),
)


class _HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001, ANN201
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese help and errors (its own strings are English)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> None:  # type: ignore[override]
        for english, chinese in _ARGPARSE_ZH:
            message = message.replace(english, chinese)
        self.exit(2, f"参数错误：{message}（用 -h 查看用法）\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="perfdesk",
        description="perfdesk — 部门（单位）整体支出绩效目标表的填报、审核与打印。不带命令时打开图形界面。",
    )
    parser.add_argument("--version", action="version", version=f"perfdesk {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name, (help_text, arguments, _) in COMMANDS.items():
        arguments(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def run(argv: list[str]) -> int:
    import perfdesk.commands  # noqa: F401  (registers the commands)
    from perfdesk.console import EscapingOutput

    # Names from files (a department, a sheet) can hold ESC, BEL or U+202E: never raw to the console.
    original, original_err = sys.stdout, sys.stderr
    if original is not None:
        sys.stdout = _WatchedOutput(EscapingOutput(original))
    if original_err is not None:
        sys.stderr = EscapingOutput(original_err)
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 0
        return _run_handler(args)
    finally:
        if isinstance(sys.stdout, _WatchedOutput):
            sys.stdout = original
        sys.stderr = original_err


def _run_handler(args: argparse.Namespace) -> int:
    handler = COMMANDS[args.command][2]
    out_of_memory = False
    try:
        code = handler(args)
        sys.stdout.flush()  # a full device shows itself here, not at exit
        return code
    except PerfdeskError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # `perfdesk validate x.db | head`: the reader went away; not an error of ours.
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except MemoryError:
        # Leave the except block first: its traceback holds the frames that hold the memory.
        out_of_memory = True
    except OSError as exc:
        if not _stdout_failed():
            return _internal_error(args.command)
        _silence_stdout()
        from perfdesk.oserrors import os_cause

        print(f"错误：无法输出到标准输出：{os_cause(exc)}。", file=sys.stderr)
        return 3
    except Exception:  # noqa: BLE001 - logged with its traceback by _internal_error
        return _internal_error(args.command)
    if out_of_memory:
        _silence_stdout()
        print(f"错误：内存不足，命令“{args.command}”无法完成；文件可能过大或已损坏。", file=sys.stderr)
        with contextlib.suppress(Exception):  # a log never stops the message
            log.error("out of memory in %s", args.command)
        return 1
    return 0  # pragma: no cover - every branch above returns


def _internal_error(command_name: str) -> int:
    log.exception("internal error in %s", command_name)
    from perfdesk.logs import log_dir

    print(f"内部错误：命令“{command_name}”意外失败，详情已记录在 {log_dir()}", file=sys.stderr)
    return 70


class _WatchedOutput:
    """Standard output that remembers whether writing to it failed (a full device, a closed console)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.failed = False

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError:
            self.failed = True
            raise

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError:
            self.failed = True
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _stdout_failed() -> bool:
    return bool(getattr(sys.stdout, "failed", False))


def _silence_stdout() -> None:
    """Point stdout at the null device so the interpreter's flush at exit prints nothing."""
    try:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - kept open until exit
    except OSError:
        pass
