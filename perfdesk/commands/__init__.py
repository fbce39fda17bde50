"""CLI commands, one module per capability; importing this package registers them."""

# ruff: noqa: I001  (the import order is the order the commands are listed in --help)

from perfdesk.commands import core  # noqa: F401
from perfdesk.commands import validate  # noqa: F401
from perfdesk.commands import pdf  # noqa: F401
from perfdesk.commands import excel  # noqa: F401
from perfdesk.commands import templates  # noqa: F401
from perfdesk.commands import forms  # noqa: F401
