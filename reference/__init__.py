"""Reference tables shipped with the package (forces, local policing bodies)."""
