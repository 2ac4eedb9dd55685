"""``python -m svcnlp``."""

from svcnlp.cli import main

if __name__ == "__main__":
    main()
