"""The pipeline and the extractors on every independently written replica of the site."""
