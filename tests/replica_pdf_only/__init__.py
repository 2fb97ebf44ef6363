"""A replica of the HMICFRS site whose reports are PDFs only, in real HMICFRS report layouts
(cover, contents with dot leaders, running headers, two columns, annexes)."""
