"""A project as one SQLite ``.db`` file: schema, migrations, open and save."""

from perfdesk.store.project_file import open_project, save_project

__all__ = ["open_project", "save_project"]
