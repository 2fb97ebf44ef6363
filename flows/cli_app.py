"""The typer app every command module registers on, its shared options, and the helpers
commands share (strict dates, the store, force names). No command lives here.

The modules that register commands (this one's callback included) evaluate annotations
where they are written, without ``from __future__ import annotations``: typer reads every
command's annotations at each start, and strings would be evaluated again each time (7 ms
of the command line's start-up)."""

import os
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

import typer
from typer.core import TyperCommand, TyperGroup

os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")


try:  # typer >= 0.2x coerces every value through a pydantic TypeAdapter
    from typer._coercion import RuntimeParam, build_runtime_param
except ImportError:  # pragma: no cover - an older typer coerces through click types
    RuntimeParam = None


if RuntimeParam is not None:
    @dataclass(frozen=True)
    class _AsParsed(RuntimeParam):
        """A ``str`` or ``bool`` parameter: click hands over a value of that type, which
        typer's adapter would return unchanged; any other value goes through the adapter."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if type(value) is self.annotation:
                return value
            return build_runtime_param(param.type_descriptor)._coerce_value(
                value, param=param, ctx=ctx)


def _as_parsed(params: list[Any]) -> list[Any]:
    """Give the ``str`` and ``bool`` parameters (--help included) an ``_AsParsed``."""
    for param in params if RuntimeParam is not None else ():
        desc = getattr(param, "type_descriptor", None)
        if (desc is not None and getattr(param, "_runtime_param", 0) is None
                and desc.annotation in (str, bool) and desc.file_annotation is None
                and desc.parameter_info.parser is None):
            param._runtime_param = _AsParsed(desc.parameter_info, desc.annotation)
    return params


class Command(TyperCommand):
    """Every hmicfrs command: its ``str`` and ``bool`` options and arguments are taken as
    click parsed them. Typer would build a pydantic TypeAdapter to return such a value
    unchanged, and importing pydantic for that is ~0.2 s of CPU, the largest part of
    starting `hmicfrs extract`. Other types (int, Path, lists) typer coerces as before."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _as_parsed(super().get_params(ctx))


class Group(TyperGroup):
    """The command group, its options (--debug, --help) taken as ``Command`` takes them."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _as_parsed(super().get_params(ctx))


class App(typer.Typer):
    """The typer app whose commands are ``Command``s."""

    def command(self, *args: Any, cls: Any = None, **kwargs: Any) -> Any:
        return super().command(*args, cls=cls or Command, **kwargs)


app = App(cls=Group, add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
          help="Watch HMICFRS publications and run the Section 55 clock.")
STATE: dict[str, Any] = {"debug": False}

SiteOpt = typer.Option(None, "--site", help="Base URL of the site (env HMICFRS_SITE).")
DbOpt = typer.Option(None, "--db", help="SQLAlchemy URL (env HMICFRS_DB_URL).")
DataOpt = typer.Option(None, "--data-dir", help="Data directory (env HMICFRS_DATA_DIR).")
AsOfOpt = typer.Option(None, "--as-of", help="Judge statuses as of this date (YYYY-MM-DD).")
EngineOpt = typer.Option("prefect", "--engine",
                         help="prefect (flow runs, artifacts, events) or direct (no orchestrator).")


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_UK_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_UK_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})")
DATE_FORMS = "YYYY-MM-DD, or day first: 13/01/2025, 13 January 2025"


def parse_cli_date(value: str) -> date:
    """A date as users type it: ISO or UK day-first only; an impossible date is an error,
    never read with day and month swapped (ValueError with the reason)."""
    text = " ".join(value.strip().lower().split())
    if m := _ISO_DATE.fullmatch(text):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _UK_NUMERIC.fullmatch(text):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif (m := _UK_WORDS.fullmatch(text)) and _month(m.group(2)):
        d, mo, y = int(m.group(1)), _month(m.group(2)), int(m.group(3))
    else:
        raise ValueError(f"not a date (use {DATE_FORMS})")
    try:
        return date(y, mo, d)
    except ValueError as exc:
        raise ValueError(f"no such date: {exc} (use {DATE_FORMS})") from None


def _month(word: str) -> int:
    for number, name in enumerate(_MONTHS, start=1):
        if word == name or (len(word) >= 3 and name.startswith(word) and
                            (len(word) == 3 or word == "sept")):
            return number
    return 0


def _date(value: Optional[str], name: str) -> Optional[date]:
    if value is None:
        return None
    try:
        return parse_cli_date(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{name}: {value!r}: {exc}") from None


@app.callback()
def _main(debug: bool = typer.Option(False, "--debug", help="Show tracebacks.")) -> None:
    STATE["debug"] = debug


def _store(db: Optional[str], data_dir: Optional[str]):  # type: ignore[no-untyped-def]
    from flows.settings import resolve_settings
    from store.db import open_store
    settings = resolve_settings(db=db, data_dir=data_dir)
    return settings, open_store(settings.db_url)


def _force(name: str) -> str:
    from store.queries import resolve_force
    return resolve_force(name)
