"""Database engine, schema upgrades (Alembic) and the single-writer lock."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).with_name("migrations")
WRITER_LOCK_KEY = 5510055  # PostgreSQL advisory lock key of the single writer


class StoreBusy(RuntimeError):
    """Another run holds the database's writer lock."""


def default_db_url(data_dir: Path) -> str:
    """SQLite under the data directory: the embedded default."""
    return f"sqlite:///{(data_dir / 'hmicfrs.db').as_posix()}"


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory SQLite)."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def check_url(url: str) -> None:
    """Refuse a database URL that would create directories the user did not name."""
    if not url.strip():
        raise ValueError("--db: empty database URL")
    path = sqlite_path(url)
    if path is not None and not path.parent.is_dir():
        raise ValueError(f"--db: directory {str(path.parent)!r} does not exist "
                         "(create it first)")


def make_engine(url: str) -> Engine:
    """An engine for SQLite (with foreign keys and WAL) or PostgreSQL; the directory of a
    SQLite file must exist (`check_url`)."""
    check_url(url)
    engine = sa.create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()
    return engine


def alembic_config(engine: Engine) -> Config:
    """Alembic configuration pointing at the packaged migrations and this engine."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration."""
    command.upgrade(alembic_config(engine), "head")


def open_store(url: str) -> Engine:
    """Engine with the schema at head: what every command uses."""
    engine = make_engine(url)
    upgrade(engine)
    return engine


@contextmanager
def writer_lock(url: str) -> Iterator[None]:
    """Hold the database's single-writer lock, or raise `StoreBusy` at once.

    PostgreSQL: a session advisory lock, so runs on other machines are refused too; SQLite:
    an exclusive flock on the database file itself (SQLite's own locks are fcntl locks,
    which flock does not touch). Either way the lock belongs to a live process or
    connection: when its holder dies the kernel or the server frees it, so a crash never
    blocks later runs (server-side keepalives bound how long a vanished machine holds it).
    """
    path = sqlite_path(url)
    if path is not None:
        with _file_lock(path):
            yield
    elif sa.engine.make_url(url).get_backend_name() == "postgresql":
        with _advisory_lock(url):
            yield
    else:
        yield


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    import fcntl
    import os
    check_url(f"sqlite:///{path}")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)  # an empty file is an empty database
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreBusy(f"another hmicfrs run is writing to {path}; "
                            "try again when it has finished") from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the flock


@contextmanager
def _advisory_lock(url: str) -> Iterator[None]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)  # close really disconnects
    try:
        with engine.connect() as conn:
            for setting in ("tcp_keepalives_idle = 30", "tcp_keepalives_interval = 10",
                            "tcp_keepalives_count = 3"):
                conn.execute(sa.text(f"SET {setting}"))
            if not conn.execute(sa.text(f"SELECT pg_try_advisory_lock({WRITER_LOCK_KEY})")).scalar():
                raise StoreBusy("another hmicfrs run holds the database's advisory lock; "
                                "try again when it has finished")
            conn.commit()
            yield  # closing the connection (no pool) releases the lock
    finally:
        engine.dispose()
