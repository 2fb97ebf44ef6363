"""The PDF-only replica's publications: what each page and PDF says, word for word.

Written independently of the other four replicas. Every report here exists only as a
PDF: an "Our recommendations" chapter of bold "Recommendation N" lines, a "Causes of
concern" chapter with lettered recommendations, bulleted areas for improvement running
over a page break, an early summary repeating the recommendations word for word, a
contents page, a 2019 progress annex (not counted), a two-column report, a PEEL 2023-25
report whose grades are in a table and in chapter headings, and a PEEL 2015 efficiency
report. Landing pages cover "Published:" with a weekday, PSNI only, the National Crime
Agency, an inspection framework and a super-complaint. Truth is read from here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PUBLIC = "https://hmicfrs.justiceinspectorates.gov.uk"
ASSETS = "https://assets-hmicfrs.justiceinspectorates.gov.uk"
OLD = "https://www.justiceinspectorates.gov.uk/hmicfrs"
R, A, C = "recommendation", "area_for_improvement", "cause_of_concern"
# The reference report's facts are the real site's, shared by every replica.
from tests.replica.catalogue import REFERENCE_RECOMMENDATIONS as REFERENCE_RECS  # noqa: E402
from tests.replica.catalogue import REFERENCE_SLUG  # noqa: E402
from tests.replica.catalogue import REFERENCE_TITLE  # noqa: E402
# The 2019 recommendations restated in the reference report's annex: never stored.
OLD_2019_RECS = (
    "By September 2020, all forces should have an action plan to make sure that reports "
    "of rape are recorded within 24 hours of being received.",
    "By March 2020, forces should make sure that their crime registrars review every "
    "cancelled crime of violence.",
)
PEEL_2023 = ("Recording data about crime", "Police powers and public treatment",
             "Preventing and deterring crime and antisocial behaviour, and reducing "
             "vulnerability", "Responding to the public", "Investigating crime",
             "Protecting vulnerable people", "Managing offenders and suspects",
             "Building, supporting and protecting the workforce",
             "Leadership and force management")


@dataclass(frozen=True)
class Fnd:
    """A finding as printed; ``numbered``: the document prints its ref."""

    kind: str
    ref: str
    text: str
    force: str | None = None
    due_by: date | None = None
    numbered: bool = True
    follows: str | None = None
    area: str | None = None  # PEEL: the chapter it sits in


@dataclass(frozen=True)
class Grd:
    """One graded judgment."""

    area: str
    grade: str
    cycle: str


@dataclass(frozen=True)
class Doc:
    """A linked PDF: ``path`` where it is served, ``href`` what the landing page prints."""

    path: str
    label: str
    href: str = ""
    kind: str = "pdf"
    language: str = "en"
    role: str = "report"

    @property
    def link(self) -> str:
        """The href the landing page prints."""
        return self.href or self.path


@dataclass
class Pub:
    """One publication of the PDF-only replica."""

    slug: str
    title: str
    published_on: date
    types: tuple[str, ...]
    forces_text: str = ""  # the 'Police forces' value as printed
    forces: tuple[str, ...] = ()
    all_forces: bool = False
    doc: Doc | None = None
    style: str = ""  # how the PDF is laid out (documents.py)
    findings: tuple[Fnd, ...] = ()
    grades: tuple[Grd, ...] = ()
    force_name: str = ""
    is_police: bool = True
    needs_review: bool = False
    summary: str = ""
    date_label: str = "Published on:"
    date_text: str = ""  # as printed; default '28 August 2025'
    listing_href: str = ""  # how the listing links it; default '/publications/<slug>'
    printed_on: date | None = None  # the full date the PDF itself prints, if any
    running: str = ""  # the PDF's running header

    @property
    def path(self) -> str:
        """Landing page path (canonical, with the trailing slash)."""
        return f"/publications/{self.slug}/"

    def of(self, kind: str) -> list[Fnd]:
        """Findings of one kind in document order."""
        return [f for f in self.findings if f.kind == kind]


def long_date(day: date) -> str:
    """'28 August 2025'."""
    return f"{day.day} {day:%B %Y}"


def _pdf(name: str, title: str, absolute: bool = False) -> Doc:
    path = f"/uploads/{name}"
    return Doc(path, f"{title} (PDF document)", ASSETS + path if absolute else "")


def reference() -> Pub:
    """The reference report, PDF only: contents, summary repeat, progress annex."""
    t = REFERENCE_TITLE
    return Pub(
        slug=REFERENCE_SLUG, title=t, published_on=date(2025, 8, 28),
        types=("Crime recording", "Data", "Data quality", "Spotlight"),
        forces_text="All local forces in England and Wales", all_forces=True,
        doc=_pdf("how-effectively-do-the-police-record-crime-spotlight-report.pdf", t,
                 absolute=True),
        style="reference",
        findings=tuple(Fnd(R, str(i), text) for i, text in enumerate(REFERENCE_RECS, 1)),
        summary="This spotlight report brings together what our crime data integrity "
                "inspections have found about how well forces record crime.",
        printed_on=date(2025, 8, 28), running="How effectively do the police record crime?",
    )


def gwent() -> Pub:
    """One force: a cause of concern with lettered recommendations; AFIs over a page."""
    t = "An inspection of Gwent Police\u2019s response to missing children"
    return Pub(
        slug="inspection-of-gwent-police-response-to-missing-children", title=t,
        published_on=date(2025, 7, 15), types=("Child protection", "Missing children"),
        forces_text="Gwent Police", forces=("gwent",), force_name="Gwent Police",
        doc=_pdf("inspection-gwent-police-missing-children-2025.pdf", t),
        style="concern",
        findings=(
            Fnd(C, "1", "Gwent Police doesn\u2019t consistently identify and respond to the "
                "risks faced by children who go missing from home or care, and it doesn\u2019t "
                "make good use of the information it gathers when they return.",
                numbered=False),
            Fnd(R, "a", "By 31 October 2025, the force should make sure that every report of "
                "a missing child is risk assessed by a supervisor within one hour.",
                due_by=date(2025, 10, 31), follows="1"),
            Fnd(R, "b", "By 31 October 2025, the force should make sure that the information "
                "from return home interviews is recorded on its intelligence system.",
                due_by=date(2025, 10, 31), follows="1"),
            Fnd(R, "c", "Within six months, the chief constable of Gwent Police should agree "
                "with the local authorities a joint protocol for children who go missing "
                "from care.", force="gwent", follows="1"),
            Fnd(A, "1", "The force should make sure that officers who attend reports of "
                "missing children know how to recognise signs of child criminal exploitation.",
                numbered=False),
            Fnd(A, "2", "The force should improve how it shares information about missing "
                "children with neighbouring forces.", numbered=False),
            Fnd(A, "3", "The force should make sure that the missing persons co-ordinators "
                "have enough time to review every case in which a child has been missing three "
                "or more times in a month, and that their reviews are recorded on the case "
                "file so that response officers can read them when the child next goes "
                "missing.", numbered=False),
            Fnd(A, "4", "The force should make sure that children who are found are offered "
                "an independent return home interview within 72 hours.", numbered=False),
        ),
        summary="We inspected how well Gwent Police responds when children go missing.",
        printed_on=None, running="Gwent Police: response to missing children",
    )


def antisocial() -> Pub:
    """Three forces; two columns throughout; 'Published:' with a weekday on the page."""
    t = "Tackling antisocial behaviour: an inspection of three forces in the North East"
    return Pub(
        slug="tackling-antisocial-behaviour-three-forces-north-east", title=t,
        published_on=date(2025, 9, 2), types=("Anti-social behaviour", "Thematic"),
        forces_text="Cleveland Police, Durham Constabulary and Northumbria Police",
        forces=("cleveland", "durham", "northumbria"),
        doc=_pdf("tackling-asb-three-forces-north-east-2025.pdf", t),
        style="columns",
        findings=(
            Fnd(R, "1", "By 31 March 2026, chief constables should make sure that every "
                "report of antisocial behaviour is assessed for the risk of harm to the "
                "victim, using a structured set of questions.", due_by=date(2026, 3, 31)),
            Fnd(R, "2", "By 31 March 2026, chief constables should make sure that "
                "neighbourhood officers use the powers given by the Anti-social Behaviour, "
                "Crime and Policing Act 2014 when they are needed, and that the use of those "
                "powers is recorded.", due_by=date(2026, 3, 31)),
            Fnd(R, "3", "The chief constable of Durham Constabulary should make sure that the "
                "force\u2019s community safety partnership data is shared with the other two "
                "forces.", force="durham"),
            Fnd(A, "1", "The forces should make sure that victims of antisocial behaviour are "
                "told what action has been taken.", numbered=False),
            Fnd(A, "2", "The forces should evaluate their problem-solving work so that they "
                "know which approaches reduce antisocial behaviour.", numbered=False),
        ),
        summary="We inspected how three forces in the North East tackle antisocial behaviour.",
        date_label="Published:", date_text="Tuesday 2 September 2025",
        printed_on=date(2025, 9, 2), running="Tackling antisocial behaviour",
    )


def staffordshire() -> Pub:
    """PEEL 2023-25, PDF only: grade table and 'Area \u2013 Grade' chapter headings."""
    t = ("PEEL 2023\u201325 Police effectiveness, efficiency and legitimacy: An inspection "
         "of Staffordshire Police")
    grades = ("adequate", "good", "adequate", "requires improvement", "adequate",
              "requires improvement", "good", "adequate", "good")
    slug = "peel-2023-25-staffordshire-police"
    return Pub(
        slug=slug, title=t, published_on=date(2025, 3, 12), types=("PEEL",),
        forces_text="Staffordshire Police", forces=("staffordshire",),
        force_name="Staffordshire Police",
        doc=_pdf("peel-assessment-2023-25-staffordshire.pdf", t),
        style="peel2023",
        grades=tuple(Grd(a, g, "2023-25") for a, g in zip(PEEL_2023, grades)),
        findings=(
            Fnd(A, "1", "The force should make sure that it answers non-emergency calls "
                "promptly, and that callers who abandon their calls are called back.",
                numbered=False, area="Responding to the public"),
            Fnd(A, "2", "The force should make sure that investigations are allocated to "
                "officers with the right skills and experience.", numbered=False,
                area="Investigating crime"),
            Fnd(A, "3", "The force should make sure that its officers record the voice of the "
                "child when they attend domestic abuse incidents.", numbered=False,
                area="Protecting vulnerable people"),
            Fnd(A, "4", "The force should improve how it manages the risk posed by registered "
                "sex offenders who are awaiting a home visit.", numbered=False,
                area="Protecting vulnerable people"),
        ),
        summary="Our PEEL 2023\u201325 inspection assessed how good Staffordshire Police is in "
                "nine areas of policing.",
        listing_href=OLD + f"/publications/{slug}/",
        printed_on=date(2025, 3, 12), running="PEEL 2023\u201325: Staffordshire Police",
    )


def avon_2015() -> Pub:
    """PEEL 2015 efficiency, PDF only: one overall grade on the 4-point scale (pre-2017)."""
    t = "PEEL: Police efficiency 2015 \u2013 An inspection of Avon and Somerset Constabulary"
    return Pub(
        slug="peel-police-efficiency-2015-avon-and-somerset", title=t,
        published_on=date(2015, 10, 15), types=("PEEL", "Efficiency"),
        forces_text="Avon and Somerset Constabulary", forces=("avon-and-somerset",),
        force_name="Avon and Somerset Constabulary",
        doc=_pdf("avon-and-somerset-police-efficiency-2015.pdf", t),
        style="efficiency2015",
        grades=(Grd("Efficiency", "good", "2015"),),
        findings=(
            Fnd(A, "1", "The constabulary should develop a better understanding of the "
                "demand that is not reported to it, including the demand from hidden crimes.",
                numbered=False),
            Fnd(A, "2", "The constabulary should make sure that its plans for the workforce "
                "are based on the demand it expects in future.", numbered=False),
        ),
        summary="This report sets out our findings on how efficiently Avon and Somerset "
                "Constabulary keeps people safe and reduces crime.",
        printed_on=None, running="PEEL: Police efficiency 2015",
    )


def psni() -> Pub:
    """The Police Service of Northern Ireland only: no s.55 obligation, not quarantined."""
    t = ("An inspection of how well the Police Service of Northern Ireland deals with "
         "corruption")
    return Pub(
        slug="inspection-psni-anti-corruption-2025", title=t,
        published_on=date(2025, 4, 10), types=("Police integrity and corruption",),
        forces_text="Police Service of Northern Ireland",
        doc=_pdf("psni-anti-corruption-inspection-2025.pdf", t),
        style="labels",
        findings=(
            Fnd(R, "1", "By 31 December 2025, the Police Service of Northern Ireland should "
                "make sure that its anti-corruption unit has the capacity to assess all "
                "corruption intelligence within seven days.", due_by=date(2025, 12, 31)),
            Fnd(R, "2", "The Police Service of Northern Ireland should monitor the use of its "
                "IT systems so that it can identify officers and staff who abuse their "
                "access to information."),
        ),
        summary="At the request of the Department of Justice, we inspected how well the "
                "Police Service of Northern Ireland deals with corruption.",
        printed_on=date(2025, 4, 10), running="PSNI: anti-corruption inspection",
    )


def nca() -> Pub:
    """A National Crime Agency inspection: no force, no s.55 obligation."""
    t = "An inspection of the National Crime Agency\u2019s response to child sexual abuse online"
    return Pub(
        slug="inspection-of-the-nca-response-to-online-child-sexual-abuse", title=t,
        published_on=date(2025, 5, 20), types=("Online child sexual abuse",),
        forces_text="National Crime Agency",
        doc=_pdf("nca-online-child-sexual-abuse-inspection-2025.pdf", t),
        style="labels",
        findings=(
            Fnd(R, "1", "By 30 June 2026, the National Crime Agency should make sure that "
                "referrals from industry are triaged within 48 hours of receipt.",
                due_by=date(2026, 6, 30)),
            Fnd(R, "2", "The National Crime Agency should agree with the National Police "
                "Chiefs\u2019 Council how packages of intelligence are passed to forces."),
        ),
        summary="We inspected how the National Crime Agency responds to online child "
                "sexual abuse.",
        printed_on=date(2025, 5, 20), running="NCA: online child sexual abuse",
    )


def framework() -> Pub:
    """An inspection programme and framework: no findings, no obligation."""
    t = "Police inspection programme and framework 2025\u201326"
    return Pub(
        slug="police-inspection-programme-and-framework-2025-26", title=t,
        published_on=date(2025, 4, 1), types=("Inspection programmes and frameworks",),
        doc=_pdf("police-inspection-programme-and-framework-2025-26.pdf", t),
        style="framework", is_police=False,
        summary="Our police inspection programme and framework for 2025\u201326, laid before "
                "Parliament.",
        printed_on=None, running="Police inspection programme and framework 2025\u201326",
    )


def super_complaint() -> Pub:
    """A super-complaint report naming all forces: obligations flagged for review."""
    t = ("The police response to victims of spiking: report on the super-complaint made "
         "by the Victims\u2019 Alliance")
    return Pub(
        slug="police-response-to-victims-of-spiking-super-complaint", title=t,
        published_on=date(2025, 6, 26), types=("Super-complaints",),
        forces_text="All police forces in England and Wales", all_forces=True,
        needs_review=True,
        doc=_pdf("spiking-super-complaint-report-2025.pdf", t),
        style="labels",
        findings=(
            Fnd(R, "1", "By 31 January 2026, chief constables should make sure that every "
                "report of spiking is recorded as a crime when the Home Office Counting "
                "Rules require it.", due_by=date(2026, 1, 31)),
            Fnd(R, "2", "The College of Policing should publish guidance for officers on "
                "gathering evidence in spiking cases, including the early collection of "
                "samples."),
            Fnd(R, "3", "The Home Office should fund forensic testing for all reported "
                "spiking cases."),
        ),
        summary="HMICFRS, the Independent Office for Police Conduct and the College of "
                "Policing investigated a super-complaint about the police response to "
                "spiking.",
        printed_on=date(2025, 6, 26), running="Spiking super-complaint",
    )


def publications() -> list[Pub]:
    """Every publication, newest first (listing order)."""
    pubs = [reference(), gwent(), antisocial(), staffordshire(), avon_2015(), psni(), nca(),
            framework(), super_complaint()]
    return sorted(pubs, key=lambda p: p.published_on, reverse=True)
