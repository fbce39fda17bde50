"""Entry point: a sub-command runs headless, anything else opens the GUI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from perfdesk.console import setup_streams
    from perfdesk.logs import setup_logging

    setup_streams()
    setup_logging()
    args = sys.argv[1:] if argv is None else list(argv)
    from perfdesk.cli import COMMANDS, run

    import perfdesk.commands  # noqa: F401

    if args and (args[0] in COMMANDS or args[0].startswith("-")):
        return run(args)
    if args and _looks_like_a_command(args[0]):
        names = "、".join(COMMANDS)
        print(f"错误：没有“{args[0]}”这个命令。可用的命令：{names}（用 -h 查看用法）", file=sys.stderr)
        return 2
    from perfdesk.ui.app import run_gui

    return run_gui(args)


def _looks_like_a_command(arg: str) -> bool:
    """A mistyped command (``valdate``) rather than a project file to open."""
    from pathlib import Path

    return not Path(arg).exists() and "." not in arg and "/" not in arg and "\\" not in arg
