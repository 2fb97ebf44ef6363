"""A small hand-written replica whose listing links PEEL force reports, an FRS assessment
and a letter straight (no landing page), and whose news feed links a report the listing
does not show."""
