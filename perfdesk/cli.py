"""Headless commands (``python main.py COMMAND …``) over the same services as the GUI.

Every failure is one Chinese line on stderr and a non-zero exit code:
2 when the input cannot be read, 3 when the output cannot be written.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable

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

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    handler = COMMANDS[args.command][2]
    try:
        return handler(args)
    except PerfdeskError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # `perfdesk validate x.db | head`: the reader went away; not an error of ours.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return 0
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except Exception:
        log.exception("internal error in %s", args.command)
        from perfdesk.logs import log_dir

        print(f"内部错误：命令“{args.command}”意外失败，详情已记录在 {log_dir()}", file=sys.stderr)
        return 70
