"""A third, independently written replica of the HMICFRS site (other markup, other PDFs)."""
