"""``python -m harmonized_customs``: the same as the ``harmonized-customs`` command."""

import sys

from harmonized_customs.cli import main

if __name__ == "__main__":
    sys.exit(main())
