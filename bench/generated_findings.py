"""A long generated run of the wording tests: many more report pages than the test suite
draws (random seed each run, shrinking on failure), from HTML and from text blocks.

    python bench/generated_findings.py                 # 2,000 pages of each kind
    python bench/generated_findings.py --examples 10000 --seed 7

Exits non-zero with the smallest failing page when a page's findings or grades are not
read back exactly."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from extractors.findings.blocks import findings_from_blocks  # noqa: E402
from extractors.grades.html import grades_from_html  # noqa: E402
from extractors.pages.report_html import extract_report_html  # noqa: E402
from tests.extractors.report_strategies import Want, finding_pages, grade_pages  # noqa: E402


def _got(findings) -> list[Want]:
    return [Want(f.kind, f.ref, f.text, f.due_by, f.addressee) for f in findings]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    run = settings(max_examples=args.examples, database=None, deadline=None,
                   suppress_health_check=list(HealthCheck))

    @run
    @given(finding_pages())
    def html_pages(page) -> None:
        result = extract_report_html(page.html(), "generated.html")
        assert _got(result.recommendations) == page.want
        assert result.problems == []

    @run
    @given(finding_pages())
    def text_blocks(page) -> None:
        found, problems = findings_from_blocks(page.text_blocks())
        assert _got(found) == page.want
        assert problems == []

    @run
    @given(grade_pages())
    def grade_pages_(page) -> None:
        grades, problems = grades_from_html(page.html, force="essex", cycle=page.cycle)
        assert [(g.area, g.grade) for g in grades] == page.want
        assert problems == []

    failed = False
    for name, test in (("html findings", html_pages), ("text-block findings", text_blocks),
                       ("html grades", grade_pages_)):
        if args.seed is not None:
            test = seed(args.seed)(test)
        start = time.perf_counter()
        try:
            test()
            print(f"{name}: {args.examples} pages read back exactly "
                  f"({time.perf_counter() - start:.1f} s)")
        except AssertionError as exc:
            failed = True
            print(f"{name}: FAILED\n{exc}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
