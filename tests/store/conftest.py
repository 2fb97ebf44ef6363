from tests.pg_server import pg_url  # noqa: F401  (session fixture: a real PostgreSQL server)
