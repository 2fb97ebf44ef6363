"""A replica of the HMICFRS site with <div role="main"> pages, <details> accordions, Welsh
translations and two-column and landscape PDF pages."""
