"""Progress is plain log lines when stderr is not a terminal."""
from __future__ import annotations

import pytest

from flows.progress import Progress


def test_plain_lines_every_batch_and_at_the_end(capsys: pytest.CaptureFixture[str]) -> None:
    with Progress("hmicfrs backfill", 60, every=25) as progress:
        for _ in range(6):
            progress.advance(10)
    lines = capsys.readouterr().err.splitlines()
    assert lines == ["hmicfrs backfill: 0/60 publications", "hmicfrs backfill: 30/60 publications",
                     "hmicfrs backfill: 50/60 publications", "hmicfrs backfill: 60/60 publications"]
