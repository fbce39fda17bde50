"""Entry point: a sub-command runs headless, anything else opens the GUI."""

from __future__ import annotations

import sys

# The sub-commands by name, so that starting the GUI does not load argparse and every
# command module just to learn that ``FILE.db`` is not one of them. A test keeps this in
# step with the registry in ``perfdesk.commands``.
COMMAND_NAMES = (
    "sample", "export-json", "import-json", "validate", "export-pdf", "export-xlsx", "import-xlsx", "templates",
    "forms", "self-eval",
)


def main(argv: list[str] | None = None) -> int:
    from perfdesk.console import setup_streams
    from perfdesk.logs import setup_logging

    setup_streams()
    setup_logging()
    args = sys.argv[1:] if argv is None else list(argv)
    if args and (args[0] in COMMAND_NAMES or args[0].startswith("-")):
        from perfdesk.cli import run

        return run(args)
    if args and _looks_like_a_command(args[0]):
        names = "、".join(COMMAND_NAMES)
        from perfdesk.console import escape_controls

        print(f"错误：没有“{escape_controls(args[0])}”这个命令。可用的命令：{names}（用 -h 查看用法）", file=sys.stderr)
        return 2
    from perfdesk.ui.app import run_gui

    return run_gui(args)


def _looks_like_a_command(arg: str) -> bool:
    """A mistyped command (``valdate``) rather than a project file to open."""
    from pathlib import Path

    return not Path(arg).exists() and "." not in arg and "/" not in arg and "\\" not in arg
