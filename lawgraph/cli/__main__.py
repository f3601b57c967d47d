"""``python -m lawgraph.cli``: the same as the ``lawgraph`` command."""

from lawgraph.cli import main

main(prog_name="lawgraph")
