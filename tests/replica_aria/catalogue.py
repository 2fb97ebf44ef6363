"""The ARIA replica's publications: what each page, HTML version and PDF says, word for word.

Landing pages use ``<section aria-labelledby>`` blocks with visually hidden headings,
``<span class="meta-label">`` labels without colons and ``<time>`` values, type chips as
``<a rel="tag">`` with no separators, and a link-less comma list of forces. One report
links a PDF, an XLSX annex, an easy-read PDF and an accessible HTML version: only the
report PDF and the HTML version are the report (the easy read repeats the findings in
simpler words and must not add findings). Truth is read from here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PUBLIC = "https://hmicfrs.justiceinspectorates.gov.uk"
R, A = "recommendation", "area_for_improvement"
# The reference report's facts are the real site's, shared by every replica.
from tests.replica.catalogue import REFERENCE_RECOMMENDATIONS as REFERENCE_RECS  # noqa: E402
from tests.replica.catalogue import REFERENCE_SLUG  # noqa: E402
NORTH = "serious-violence-duty-four-northern-forces"
PEEL = "peel-2021-22-lincolnshire"
KENT = "kent-police-response-to-fraud"
DURHAM = "durham-constabulary-response-to-stalking"
BTP = "british-transport-police-violence-against-women-and-girls"
NEWS = ("inspectorate-publishes-crime-recording-spotlight",
        "new-chief-inspector-of-constabulary-appointed")
PEEL_2021 = (("Recording data about crime", "Adequate"),
             ("Treatment of the public", "Good"),
             ("Preventing crime and anti-social behaviour", "Good"),
             ("Responding to the public", "Requires improvement"),
             ("Investigating crime", "Adequate"),
             ("Protecting vulnerable people", "Adequate"),
             ("Managing offenders and suspects", "Good"),
             ("Disrupting serious organised crime", "Outstanding"),
             ("Building, supporting and protecting the workforce", "Good"),
             ("Strategic planning, organisational management and value for money", "Adequate"))


@dataclass(frozen=True)
class Fnd:
    """A finding as printed; ``page`` where it starts in the report PDF (None: no PDF)."""

    kind: str
    ref: str
    text: str
    force: str | None = None
    due_by: date | None = None
    page: int | None = None


@dataclass(frozen=True)
class Doc:
    """A file the landing page links: ``stored`` says whether it is part of the report."""

    path: str
    label: str
    kind: str  # pdf | html | xlsx
    stored: bool = True
    role: str = "report"  # report | easy_read | annex | peel


@dataclass
class Pub:
    """One publication of the ARIA replica."""

    slug: str
    title: str
    published_on: date
    types: tuple[str, ...]
    forces_text: str
    forces: tuple[str, ...] = ()
    all_forces: bool = False
    other_bodies: tuple[str, ...] = ()
    docs: tuple[Doc, ...] = ()
    findings: tuple[Fnd, ...] = ()
    grades: tuple[tuple[str, str], ...] = ()
    summary: str = ""

    @property
    def path(self) -> str:
        """Landing page path."""
        return f"/publications/{self.slug}/"

    def of(self, kind: str) -> list[Fnd]:
        """Findings of one kind in order."""
        return [f for f in self.findings if f.kind == kind]


def long_date(day: date) -> str:
    """'28 August 2025'."""
    return f"{day.day} {day:%B %Y}"


def _reference() -> Pub:
    t = "How effectively do the police record crime?"
    return Pub(
        slug=REFERENCE_SLUG, title=t, published_on=date(2025, 8, 28),
        types=("Crime recording", "Data", "Data quality", "Spotlight"),
        forces_text="All local forces in England and Wales", all_forces=True,
        docs=(Doc("/uploads/how-effectively-do-the-police-record-crime.pdf",
                  f"{t} (PDF document)", "pdf"),),
        findings=tuple(Fnd(R, str(i), text, page=3) for i, text in
                       enumerate(REFERENCE_RECS, start=1)),
        summary="This spotlight report looks at how accurately forces record crime.")


NORTH_RECS = (
    "By 31 March 2026, chief constables should make sure that every serious violence "
    "incident is reviewed by a supervisor within 24 hours of being recorded.",
    "By 31 March 2026, chief constables should agree with their local partners a single "
    "definition of serious violence and use it in their strategic needs assessments.",
)
NORTH_AFIS = (
    "Forces should improve how they share information about young people at risk of "
    "serious violence with schools and youth offending teams.",
    "Forces should make better use of the data they hold to understand where serious "
    "violence happens and who is affected by it.",
    "Forces should evaluate their violence reduction activity to find out what works.",
)


def _north() -> Pub:
    t = "An inspection of how four northern forces meet the serious violence duty"
    base = "/uploads/serious-violence-duty-four-northern-forces"
    return Pub(
        slug=NORTH, title=t, published_on=date(2024, 5, 8),
        types=("Serious violence", "Thematic"),
        forces_text="Humberside Police, South Yorkshire Police, Cleveland Police, "
                    "Durham Constabulary",
        forces=("cleveland", "durham", "humberside", "south-yorkshire"),
        docs=(Doc(f"{base}.pdf", f"{t} (PDF document)", "pdf"),
              Doc(f"{base}-annex-data-tables.xlsx", "Annex: data tables (XLSX)", "xlsx",
                  stored=False, role="annex"),
              Doc(f"{base}-easy-read.pdf", "Easy read version (PDF document)", "pdf",
                  stored=False, role="easy_read"),
              Doc(f"/publication-html/{NORTH}/", "Accessible version (HTML)", "html")),
        findings=tuple([Fnd(R, str(i), x, due_by=date(2026, 3, 31), page=3)
                        for i, x in enumerate(NORTH_RECS, start=1)]
                       + [Fnd(A, str(i), x, page=4) for i, x in enumerate(NORTH_AFIS, start=1)]),
        summary="We inspected how four forces in the north of England work with partners "
                "to prevent and reduce serious violence.")


def _peel() -> Pub:
    t = "PEEL 2021/22: An inspection of Lincolnshire Police"
    return Pub(
        slug=PEEL, title=t, published_on=date(2022, 9, 16), types=("PEEL",),
        forces_text="Lincolnshire Police", forces=("lincolnshire",),
        docs=(Doc("/peel-assessments/peel-reports/lincolnshire-2021-22/",
                  "Read online: PEEL 2021/22 Lincolnshire Police", "html", role="peel"),),
        grades=PEEL_2021,
        summary="Our PEEL inspection assessed how good Lincolnshire Police is in ten areas "
                "of policing.")


KENT_RECS = (
    "By 30 September 2025, the chief constable of Kent Police should make sure that every "
    "report of fraud from a vulnerable victim receives a safeguarding assessment.",
    "The chief constable of Kent Police should review the training given to economic crime "
    "investigators so that it reflects current fraud methods.",
)


def _kent() -> Pub:
    t = "An inspection of Kent Police\u2019s response to fraud"
    return Pub(
        slug=KENT, title=t, published_on=date(2025, 3, 12), types=("Fraud", "Police"),
        forces_text="Kent Police", forces=("kent",),
        docs=(Doc("/uploads/kent-police-response-to-fraud.pdf", f"{t} (PDF document)",
                  "pdf"),),
        findings=(Fnd(R, "R1", KENT_RECS[0], "kent", date(2025, 9, 30), page=3),
                  Fnd(R, "R2", KENT_RECS[1], "kent", None, page=3)),
        summary="We inspected how well Kent Police responds to reports of fraud.")


DURHAM_RECS = (
    "By 31 March 2026, the chief constable of Durham Constabulary should make sure that "
    "stalking protection orders are considered in every stalking investigation.",
)
DURHAM_AFIS = (
    "The force should make sure that call handlers identify stalking when it is reported.",
    "The force should improve the quality of supervision of stalking investigations.",
)


def _durham() -> Pub:
    t = "An inspection of Durham Constabulary\u2019s response to stalking"
    return Pub(
        slug=DURHAM, title=t, published_on=date(2025, 6, 19),
        types=("Stalking and harassment",), forces_text="Durham Constabulary",
        forces=("durham",),
        docs=(Doc(f"/publication-html/{DURHAM}/", f"{t} (HTML)", "html"),),
        findings=(Fnd(R, "1", DURHAM_RECS[0], "durham", date(2026, 3, 31)),
                  Fnd(A, "1", DURHAM_AFIS[0]), Fnd(A, "2", DURHAM_AFIS[1])),
        summary="We inspected how Durham Constabulary responds to stalking.")


def _btp() -> Pub:
    t = "British Transport Police: tackling violence against women and girls on the railway"
    return Pub(
        slug=BTP, title=t, published_on=date(2025, 2, 4),
        types=("Violence against women and girls",),
        forces_text="British Transport Police", other_bodies=("british-transport-police",),
        docs=(Doc("/uploads/btp-violence-against-women-and-girls.pdf", f"{t} (PDF document)",
                  "pdf"),),
        summary="We inspected how British Transport Police tackles violence against women "
                "and girls on the railway.")


def publications() -> list[Pub]:
    """Newest first, as the listing shows them."""
    return sorted([_reference(), _north(), _peel(), _kent(), _durham(), _btp()],
                  key=lambda p: p.published_on, reverse=True)
