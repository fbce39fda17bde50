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
    from perfdesk.ui.app import run_gui

    return run_gui(args)
