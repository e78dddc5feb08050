"""Entry point of the PyInstaller bundle (kiosk.spec): the ``kiosk`` command."""
import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
