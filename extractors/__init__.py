"""Pure functions from document bytes to records: no network, no database."""
