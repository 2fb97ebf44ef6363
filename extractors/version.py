"""Extractor version: bump when any extractor's output can change, so stored documents are
re-extracted from the raw archive on the next run (no network needed)."""

EXTRACTOR_VERSION = "2026.11.25-5"
