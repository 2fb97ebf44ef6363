"""A fifth, independently written replica: PDF-only publications in HMICFRS report layouts."""
