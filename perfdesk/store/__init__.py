"""A project as one SQLite ``.db`` file: schema, migrations, open and save, behind ``repository``."""

from perfdesk.store.project_file import open_project, save_project
from perfdesk.store.repository import Repository, repository_for

__all__ = ["Repository", "open_project", "repository_for", "save_project"]
