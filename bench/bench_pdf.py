"""PDF extraction benchmark: our extractor against a plain pdfplumber baseline, same run.

    python bench/bench_pdf.py                 # 150- and 300-page reports
    python bench/bench_pdf.py --sizes 50 150 300 --repeat 3

Generates long reports with findings scattered through them (running headers and
footers, contents, a summary that repeats recommendations, causes of concern with their
recommendations, AFI lists, two-column pages and ruled tables), then times each method
in a fresh subprocess and reads its peak resident memory (``ru_maxrss``) there:

* ``extract_report_pdf`` - the product's PDF extractor (findings, title, date);
* ``pdf_pages`` - the fast text path alone (pypdfium2 text plus cleaning);
* ``pdfplumber`` - baseline: open, ``page.extract_text()`` on every page, ``page.close()``.

Prints a table, writes bench/results/pdf.json, and exits non-zero if the extractor's
findings differ from the findings the generator inserted.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results" / "pdf.json"
METHODS = ("extract_report_pdf", "pdf_pages", "pdfplumber")
WORDS = ("the force inspected crime victims officers data records calls response public "
         "safeguarding audit process local national police staff teams systems quality "
         "review incidents reports community neighbourhood policing control room demand "
         "supervisors investigation outcomes training resources leaders partners evidence "
         "custody detention vulnerable people risk domestic abuse stalking harassment "
         "assessment planning workforce wellbeing vetting standards integrity").split()


# ---------------------------------------------------------------- the generated report

def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 22))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))


def build_report(target_pages: int, seed: int = 7) -> tuple[bytes, list[dict]]:
    """A report of about ``target_pages`` pages and the findings it prints, in order."""
    from tests.extractors.pdf_factory import ReportPdf

    rng = random.Random(seed)
    w = ReportPdf(header="A long inspection report for benchmarking", footer="Page {n} of {total}")
    w.cover("A long inspection report for benchmarking", ["Published: 3 February 2025"])
    w.contents([(f"Chapter {i}", 3 + i * 7) for i in range(1, 25)])
    expected: list[dict] = []
    counts = {"recommendation": 0, "area_for_improvement": 0, "cause_of_concern": 0}

    def add(kind: str, text: str, ref: str | None = None) -> None:
        counts[kind] += 1
        expected.append({"kind": kind, "ref": ref or str(counts[kind]), "text": text,
                         "page": w.started_on})

    def rec_text(n: int) -> str:
        return (f"By 31 March 2026, chief constables should make sure that {rng.choice(WORDS)} "
                f"{rng.choice(WORDS)} {rng.choice(WORDS)} is reviewed as part of action {n}.")

    def afi_text() -> str:
        return (f"The force should improve how it manages {rng.choice(WORDS)} "
                f"{rng.choice(WORDS)} and {rng.choice(WORDS)} {rng.choice(WORDS)}.")

    summary = [rec_text(1), rec_text(2)]
    w.heading("Executive summary", 1)
    w.para(_paragraph(rng))
    w.bold("Recommendations")
    for i, text in enumerate(summary, start=1):
        w.item(text, marker=f"{i}.")
    w.page_break()
    chapter = 0
    rec_number = 0
    while len(w.pages) < target_pages - 1:
        chapter += 1
        w.heading(f"Chapter {chapter}: {rng.choice(WORDS).capitalize()} and "
                  f"{rng.choice(WORDS)}", 1)
        for _ in range(rng.randint(4, 9)):
            w.para(_paragraph(rng))
        kind = chapter % 6
        if kind == 1:
            w.bold("Recommendations")
            for _ in range(2):
                rec_number += 1
                text = summary[rec_number - 1] if rec_number <= len(summary) else rec_text(rec_number)
                w.item(text, marker=f"{rec_number}.")
                add("recommendation", text, str(rec_number))
        elif kind == 2:
            w.heading("Areas for improvement", 2)
            for _ in range(2):
                text = afi_text()
                w.item(text)
                add("area_for_improvement", text)
        elif kind == 3:
            w.heading("Cause of concern", 2)
            text = (f"The force is not managing {rng.choice(WORDS)} {rng.choice(WORDS)} "
                    f"well enough, and victims are at risk.")
            w.para(text)
            add("cause_of_concern", text)
            rec_number += 1
            w.bold(f"Recommendation {rec_number}")
            text = rec_text(rec_number)
            w.para(text)
            add("recommendation", text, str(rec_number))
        elif kind == 4:
            first, second = afi_text(), afi_text()
            w.two_columns([("heading", "Areas for improvement"), ("item", first), ("item", second)],
                          [("heading", "Practice we saw"), ("para", _paragraph(rng))])
            for text in (first, second):
                counts["area_for_improvement"] += 1
                expected.append({"kind": "area_for_improvement",
                                 "ref": str(counts["area_for_improvement"]), "text": text,
                                 "page": w.started_on})
        elif kind == 5:
            w.heading("Areas for improvement in custody", 2)
            rows = [["Area for improvement"]]
            texts = [afi_text(), afi_text()]
            w.table(rows + [[t] for t in texts], [440])
            for text, row_page in zip(texts, w.row_pages[1:]):
                counts["area_for_improvement"] += 1
                expected.append({"kind": "area_for_improvement",
                                 "ref": str(counts["area_for_improvement"]), "text": text,
                                 "page": row_page})
        for _ in range(rng.randint(2, 6)):
            w.para(_paragraph(rng))
    w.heading("Annex A: About the data", 1)
    w.para(_paragraph(rng))
    return w.build(title="A long inspection report for benchmarking"), expected


# ---------------------------------------------------------------- one measured run (child)

def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _runner(method: str):
    """The function that runs ``method`` on PDF bytes."""
    if method == "extract_report_pdf":
        from extractors.pages.report_pdf import extract_report_pdf
        return lambda data: extract_report_pdf(data, "bench.pdf")
    if method == "pdf_pages":
        from extractors.pdf.text import pdf_pages
        return pdf_pages
    import io

    import pdfplumber

    def baseline(data: bytes) -> int:
        chars = 0
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                chars += len(page.extract_text() or "")
                page.close()
        return chars
    return baseline


def child(method: str, path: str, trace: bool = False) -> dict:
    """Run one method once in this (fresh) process, after a warm-up on a small report
    (imports and one-time caches), and report its time and memory; with ``trace``, only
    the peak of Python allocations (tracemalloc, which slows the run)."""
    from tests.extractors.pdf_factory import seed_report

    run = _runner(method)
    run(seed_report())
    data = Path(path).read_bytes()
    if trace:
        import tracemalloc

        tracemalloc.start()
        run(data)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return {"method": method, "py_peak_mb": peak / 2**20}
    rss_start = _rss_mb()
    started = time.perf_counter()
    result = run(data)
    seconds = time.perf_counter() - started
    out = {"method": method, "seconds": seconds, "rss_start_mb": rss_start,
           "rss_peak_mb": _rss_mb()}
    if method == "extract_report_pdf":
        out["findings"] = [{"kind": f.kind, "ref": f.ref, "text": f.text, "page": f.page}
                           for f in result.recommendations]
        out["problems"] = [p.reason for p in result.problems]
        out["pages"] = None
    return out


def measure(method: str, path: Path, repeat: int) -> dict:
    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, __file__, "--child", method, str(path)],
                              capture_output=True, text=True, check=True, cwd=ROOT)
        runs.append(json.loads(done.stdout))
    best = min(runs, key=lambda r: r["seconds"])
    best["seconds_median"] = statistics.median(r["seconds"] for r in runs)
    best["runs"] = len(runs)
    if method != "pdfplumber":           # tracemalloc would make the slow baseline slower still
        done = subprocess.run([sys.executable, __file__, "--child", method, str(path), "--trace"],
                              capture_output=True, text=True, check=True, cwd=ROOT)
        best["py_peak_mb"] = json.loads(done.stdout)["py_peak_mb"]
    return best


# ---------------------------------------------------------------- main

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[150, 300])
    parser.add_argument("--repeat", type=int, default=3, help="runs of the fast methods")
    parser.add_argument("--child", nargs=2, metavar=("METHOD", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child, trace=args.trace)))
        return 0
    import pypdfium2

    rows, failures = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            started = time.perf_counter()
            data, expected = build_report(size)
            path = Path(tmp) / f"report-{size}.pdf"
            path.write_bytes(data)
            pdf = pypdfium2.PdfDocument(data)
            pages = len(pdf)
            pdf.close()
            print(f"generated {pages} pages ({len(data) / 1e6:.1f} MB, {len(expected)} findings) "
                  f"in {time.perf_counter() - started:.1f} s", flush=True)
            for method in METHODS:
                result = measure(method, path, 1 if method == "pdfplumber" else args.repeat)
                result.update(pages=pages, size_bytes=len(data),
                              pages_per_s=pages / result["seconds"],
                              rss_growth_mb=result["rss_peak_mb"] - result["rss_start_mb"])
                if method == "extract_report_pdf":
                    found = result.pop("findings")
                    if found != expected:
                        failures.append(_difference(size, expected, found))
                    result["findings"] = len(found)
                    result["findings_identical"] = found == expected
                rows.append(result)
                print(f"  {method:<20} {result['pages_per_s']:8.1f} pages/s  "  # progress
                      f"peak RSS {result['rss_peak_mb']:6.1f} MB "
                      f"(+{result['rss_growth_mb']:.1f} MB)", flush=True)
    speedups = {}
    for size in args.sizes:
        ours = next(r for r in rows if r["method"] == "extract_report_pdf" and
                    abs(r["pages"] - size) <= 2)
        base = next(r for r in rows if r["method"] == "pdfplumber" and abs(r["pages"] - size) <= 2)
        speedups[str(ours["pages"])] = round(ours["pages_per_s"] / base["pages_per_s"], 1)
    _print_table(rows, speedups)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count()},
        "baseline": "pdfplumber.open; for page in pdf.pages: page.extract_text(); page.close()",
        "runs": rows, "speedup_vs_pdfplumber": speedups,
        "findings_identical": not failures}, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    print("findings identical to the inserted findings: yes")
    return 0


def _difference(size: int, expected: list[dict], found: list[dict]) -> str:
    lines = [f"{size} pages: {len(found)} findings extracted, {len(expected)} inserted"]
    for i, (e, f) in enumerate(zip(expected, found)):
        if e != f:
            lines.append(f"  first difference at {i}: expected {e} got {f}")
            break
    return "\n".join(lines)


def _print_table(rows: list[dict], speedups: dict) -> None:
    print()
    print(f"| {'method':<20} | pages | pages/s | time s | peak RSS MB | RSS growth MB "
          f"| Python peak MB |")
    print(f"|{'-' * 22}|-------|---------|--------|-------------|---------------|----------------|")
    for r in rows:
        py = f"{r['py_peak_mb']:14.1f}" if "py_peak_mb" in r else f"{'-':>14}"
        print(f"| {r['method']:<20} | {r['pages']:5d} | {r['pages_per_s']:7.1f} | "
              f"{r['seconds']:6.2f} | {r['rss_peak_mb']:11.1f} | {r['rss_growth_mb']:13.1f} | {py} |")
    print()
    for pages, x in speedups.items():
        print(f"extract_report_pdf vs pdfplumber baseline on {pages} pages: {x}x")


if __name__ == "__main__":
    sys.exit(main())
