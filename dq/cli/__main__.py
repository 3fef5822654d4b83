"""``python -m dq.cli``: the ``dq`` command."""

from dq.cli import main

main()
