"""``python -m orgdiff`` runs the CLI."""

from .cli import main

main()
