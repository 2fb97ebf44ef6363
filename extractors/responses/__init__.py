"""Responses of local policing bodies to reports: the links a landing page lists, the body
each link belongs to, and the date a response document prints."""
