"""Errors that carry a message meant for the clerk (Chinese, one line)."""

from __future__ import annotations


class PerfdeskError(Exception):
    """A failure the user can understand; ``str(err)`` is the message to show."""

    exit_code = 1


class FileReadError(PerfdeskError):
    """The input cannot be read: missing, foreign, damaged or too new."""

    exit_code = 2


class FileWriteError(PerfdeskError):
    """The output could not be written; the original file is untouched."""

    exit_code = 3
