"""`python -m flows` is the same as the `hmicfrs` command."""
from flows.cli import main

main()
