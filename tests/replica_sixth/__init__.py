"""A sixth, independently written replica: sectioned landing pages, several files per report."""
