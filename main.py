"""Start perfdesk: ``python main.py [FILE.db]`` or ``python main.py COMMAND …``."""

from perfdesk.app import main

if __name__ == "__main__":
    raise SystemExit(main())
