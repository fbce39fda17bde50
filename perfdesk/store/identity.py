"""What marks a perfdesk file and its version; no SQLAlchemy, so opening a file stays cheap."""

# 'PDsk' — marks a perfdesk file so other applications' SQLite files are refused.
APPLICATION_ID = 0x5044736B
SCHEMA_VERSION = 5
