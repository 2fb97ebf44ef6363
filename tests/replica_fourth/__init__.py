"""A fourth, independently written replica of the HMICFRS site (WordPress block markup)."""
