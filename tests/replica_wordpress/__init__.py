"""A replica of the HMICFRS site in WordPress block-editor markup (ordinal dates, ``?paged=N``,
a Featured block; PDFs with shaded boxes, footnotes and an imprint on page 2)."""
