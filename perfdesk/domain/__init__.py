"""The form as plain Python: no Qt, no SQL. Start reading at ``model.py``."""
