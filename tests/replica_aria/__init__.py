"""A replica of the HMICFRS site with ``<section aria-labelledby>`` landing pages, type chips,
and several files per report (PDF, HTML version, easy read, XLSX annex)."""
