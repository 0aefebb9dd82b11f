"""``python -m charter``: the ``charter`` command, for environments without the console script
(a source checkout on ``PYTHONPATH``, an interpreter the package was not installed into)."""

from charter.cli import main

raise SystemExit(main())
