"""PDFium is not thread-safe: a run reads PDFs on its fetching thread (a PDF the listing
links straight) while its loading thread reads reports, so threads must be able to extract
PDFs at once and get what one thread gets. Run in a child process: without the lock in
extractors/pdf/document.py PDFium aborts the interpreter ("double free or corruption")."""
from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.generated_pdfs import long_report
from tests.replica.minipdf import tiny_pdf

_CHILD = textwrap.dedent("""
    import pickle, sys, threading
    sys.setswitchinterval(1e-5)
    from extractors.pages.registry import extract
    docs = pickle.load(open(sys.argv[1], "rb"))
    def read(data):
        r = extract(data, "https://example.test/uploads/r.pdf")
        return [(f.kind, f.ref, f.text) for f in r.recommendations], [p.reason for p in r.problems]
    alone = [read(d) for d in docs]
    wrong = []
    def worker(order):
        for _ in range(15):
            for i in order:
                if read(docs[i]) != alone[i]:
                    wrong.append(i)
    n = len(docs)
    threads = [threading.Thread(target=worker, args=(o,)) for o in
               ([0], list(range(1, n)), list(range(n - 1, 0, -1)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not wrong, f"threads disagree on documents {sorted(set(wrong))}"
    print(sum(len(found) for found, _ in alone), sum(len(problems) for _, problems in alone))
""")


def test_threads_extracting_pdfs_at_once_get_what_one_thread_gets(tmp_path: Path) -> None:
    big, expected = long_report(6)
    small = [tiny_pdf(f"Report {i}", [f"Recommendation 1: The force should review {i} cases."])
             for i in range(20)]
    path = tmp_path / "docs.pickle"
    path.write_bytes(pickle.dumps([big] + small))
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True,
                          text=True, timeout=300, cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr[-2000:]}"
    assert done.stdout.split() == [str(len(expected) + 20), "0"]
