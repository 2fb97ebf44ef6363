"""An independently written second replica of the HMICFRS site (other markup)."""
