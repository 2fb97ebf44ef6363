"""A replica of the HMICFRS site in GOV.UK/Drupal-like markup: no <main>, side navigation,
``?page=N`` paging, tables and card listings; boxed PDFs with running headers."""
