"""Strict input: dates, --db and `extract` files are refused with one line, never guessed."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from flows.cli_app import parse_cli_date
from tests.flows.test_cli import hmicfrs


@pytest.mark.parametrize("text", ["2025-01-13", "13/01/2025", "13.01.2025", "13 January 2025",
                                  "13th January 2025", "13 Jan 2025", " 13  january, 2025 "])
def test_iso_and_uk_day_first_dates_are_read(text: str) -> None:
    assert parse_cli_date(text) == date(2025, 1, 13)


@pytest.mark.parametrize("text", ["2025-13-01", "01/13/2025", "31/02/2025", "2025-02-30",
                                  "January 13, 2025", "13 Janvier 2025", "next tuesday", "",
                                  "2025/01/13", "13/01/25"])
def test_impossible_or_other_forms_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_cli_date(text)


def one_line_failure(proc) -> str:  # type: ignore[no-untyped-def]
    """The stderr line of a command that must fail (non-zero, one line, no traceback)."""
    assert proc.returncode != 0, proc.stdout
    assert proc.stderr.strip() and "\n" not in proc.stderr.strip(), proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stderr.strip()


@pytest.mark.parametrize("value", ["2025-13-01", "01/13/2025"])
def test_a_month_day_swap_is_an_error_on_the_command_line(tmp_path: Path, value: str) -> None:
    line = one_line_failure(hmicfrs("deadlines", "--as-of", value, data_dir=tmp_path / "data",
                                    check=False))
    assert "--as-of" in line and value in line


def test_db_in_a_missing_directory_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent" / "sub"
    for command in (["deadlines"], ["run", "--engine", "direct", "--site", "http://127.0.0.1:9"]):
        line = one_line_failure(hmicfrs(*command, "--db", f"sqlite:///{missing / 'h.db'}",
                                        data_dir=tmp_path / "data", check=False))
        assert "does not exist" in line
        assert not (tmp_path / "nonexistent").exists()


def test_an_empty_db_url_is_an_error_not_the_default(tmp_path: Path) -> None:
    line = one_line_failure(hmicfrs("deadlines", "--db", "", data_dir=tmp_path / "data",
                                    check=False))
    assert "empty" in line
    assert not (tmp_path / "data").exists()


def test_extract_refuses_empty_and_missing_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert "empty" in one_line_failure(hmicfrs("extract", str(empty), data_dir=tmp_path,
                                               check=False))
    assert "no such file" in one_line_failure(hmicfrs("extract", str(tmp_path),
                                                      data_dir=tmp_path, check=False))


@pytest.mark.parametrize("args", [("extract", "--bogus"), ("no-such-command",),
                                  ("deadlines", "--as-of", "notadate")])
def test_a_usage_error_is_one_line_and_exit_code_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    """typer's own copy of click raises its own classes: they are usage errors all the same
    (exit 2, one line), not an unexpected error (exit 1)."""
    proc = hmicfrs(*args, data_dir=tmp_path, check=False)
    assert proc.returncode == 2
    assert proc.stderr.startswith("hmicfrs: ") and proc.stderr.count("\n") == 1
    assert "error:" not in proc.stderr and "Traceback" not in proc.stderr


def test_no_command_shows_help_and_exits_0(tmp_path: Path) -> None:
    proc = hmicfrs(data_dir=tmp_path, check=False)
    assert proc.returncode == 0 and "Usage" in proc.stdout and proc.stderr == ""
