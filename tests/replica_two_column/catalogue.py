"""The two-column replica's publications: what each page and document says, word for word.

Written independently of tests/replica and tests/replica_govuk: other landing markup
(``landing``), other report markup (``html_style``), other PDF layouts (``pdf_style``).
Truth is read straight from these specs.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PUBLIC = "https://hmicfrs.justiceinspectorates.gov.uk"
ASSETS = "https://assets-hmicfrs.justiceinspectorates.gov.uk"
R, A, C = "recommendation", "area_for_improvement", "cause_of_concern"
# The reference report's facts are the real site's, shared by every replica.
from tests.replica.catalogue import REFERENCE_RECOMMENDATIONS as REFERENCE_RECS  # noqa: E402
from tests.replica.catalogue import REFERENCE_SLUG  # noqa: E402
from tests.replica.catalogue import REFERENCE_TITLE  # noqa: E402
PEEL_2023 = ("Recording data about crime", "Police powers and public treatment",
             "Preventing and deterring crime and antisocial behaviour, and reducing "
             "vulnerability", "Responding to the public", "Investigating crime",
             "Protecting vulnerable people", "Managing offenders and suspects",
             "Building, supporting and protecting the workforce",
             "Leadership and force management")
WELSH_LABEL = "Adroddiad (Cymraeg) (PDF document)"


@dataclass(frozen=True)
class Fnd:
    """A finding as printed. ``label`` is the printed ref when it differs from ``ref``."""

    kind: str
    ref: str
    text: str
    force: str | None = None
    due_by: date | None = None
    numbered: bool = True
    follows: str | None = None
    area: str | None = None
    owner: str = ""
    deadline: str = ""


@dataclass(frozen=True)
class Grd:
    """One graded judgment."""

    area: str
    grade: str
    cycle: str


@dataclass(frozen=True)
class Doc:
    """A linked file: ``path`` is where it is served, ``href`` what the page links."""

    path: str
    kind: str
    label: str
    href: str = ""
    language: str = "en"
    role: str = "report"

    @property
    def link(self) -> str:
        """The href the landing page prints."""
        return self.href or self.path


@dataclass
class Pub:
    """One publication of the two-column replica."""

    slug: str
    title: str
    published_on: date | None
    listed_on: date
    types: tuple[str, ...]
    landing: str  # strongbr | h4 | pipe | dlul | timeonly
    forces_text: tuple[str, ...] = ()  # as printed, one item per list entry
    forces: tuple[str, ...] = ()
    all_forces: bool = False
    other_bodies: tuple[str, ...] = ()
    fire_text: str | None = None
    docs: tuple[Doc, ...] = ()
    html_style: str = "details"  # details | lettered | peel2023 | peel2018
    pdf_style: str = "headed"  # headed | chapters | landscape | peel | cdi | plain
    findings: tuple[Fnd, ...] = ()
    grades: tuple[Grd, ...] = ()
    force_name: str = ""
    quarantine: str | None = None
    disallowed: bool = False
    is_police: bool = True
    summary: str = ""
    updated: str | None = None

    @property
    def path(self) -> str:
        """Landing page path."""
        return f"/publications/{self.slug}/"

    def of(self, kind: str) -> list[Fnd]:
        """Findings of one kind in document order."""
        return [f for f in self.findings if f.kind == kind]


def _html(path: str, title: str, role: str = "report", absolute: bool = False) -> Doc:
    return Doc(path, "html", f"{title} (HTML)", PUBLIC + path if absolute else "", role=role)


def _pdf(path: str, title: str, role: str = "report", absolute: bool = False) -> Doc:
    return Doc(path, "pdf", f"{title} (PDF document)", ASSETS + path if absolute else "",
               role=role)


ALL_LOCAL = ("All local forces in England and Wales",)


def reference() -> Pub:
    """The reference report: HTML with accordions, English and Welsh PDFs."""
    t = REFERENCE_TITLE
    return Pub(
        slug=REFERENCE_SLUG, title=t, published_on=date(2025, 8, 28),
        listed_on=date(2025, 8, 28),
        types=("Crime recording", "Data", "Data quality", "Spotlight"), landing="strongbr",
        forces_text=ALL_LOCAL, all_forces=True,
        docs=(_html("/publication-html/how-effectively-do-the-police-record-crime-2025/", t,
                    absolute=True),
              _pdf("/uploads/how-effectively-police-record-crime-august-2025.pdf", t,
                   absolute=True),
              Doc("/uploads/how-effectively-police-record-crime-august-2025-cymraeg.pdf", "pdf",
                  WELSH_LABEL, ASSETS + "/uploads/how-effectively-police-record-crime-august-"
                  "2025-cymraeg.pdf", language="cy")),
        html_style="details", pdf_style="headed",
        findings=tuple(Fnd(R, str(i), text) for i, text in enumerate(REFERENCE_RECS, 1)),
        summary="This spotlight report brings together what our crime data integrity "
                "inspections between 2021 and 2025 found about how well forces record crime.",
    )


def london_rail() -> Pub:
    """Two London forces and BTP; dl with nested lists; lettered recommendations."""
    t = ("Policing the railways in London: a joint inspection of City of London Police, the "
         "Metropolitan Police Service and British Transport Police")
    return Pub(
        slug="policing-the-railways-in-london", title=t, published_on=date(2025, 7, 9),
        listed_on=date(2025, 7, 9), types=("Joint inspections", "Public transport"),
        landing="dlul",
        forces_text=("City of London Police", "Metropolitan Police Service",
                     "British Transport Police"),
        forces=("city-of-london", "metropolitan"), other_bodies=("british-transport-police",),
        docs=(_html("/publication-html/policing-the-railways-in-london-joint-inspection/", t),),
        html_style="lettered",
        findings=(
            Fnd(R, "a", "The Metropolitan Police Service should agree with British Transport "
                "Police a single protocol for responding to incidents at London Underground "
                "stations.", force="metropolitan"),
            Fnd(R, "b", "City of London Police should make sure its control room can see the "
                "location of British Transport Police patrols in real time.",
                force="city-of-london"),
            Fnd(R, "c", "British Transport Police should review how it shares intelligence "
                "about pickpocketing gangs with the two London forces."),
            Fnd(A, "1", "The forces should improve how they record which force is responsible "
                "for a crime reported at a railway station.", numbered=False),
            Fnd(A, "2", "The forces should make sure that officers on joint patrols can use each "
                "other\u2019s radio channels.", numbered=False),
        ),
        summary="We inspected how the three forces that police London\u2019s railways work "
                "together.",
    )


def holyhead() -> Pub:
    """North Wales Police and PSNI; h4 labels; PDF with two columns and chapter refs."""
    t = ("Cross-border policing at the Port of Holyhead: North Wales Police and the Police "
         "Service of Northern Ireland")
    return Pub(
        slug="cross-border-policing-port-of-holyhead", title=t, published_on=date(2025, 6, 18),
        listed_on=date(2025, 6, 18), types=("Ports and borders", "Serious and organised crime"),
        landing="h4",
        forces_text=("North Wales Police", "the Police Service of Northern Ireland"),
        forces=("north-wales",), other_bodies=("police-service-of-northern-ireland",),
        docs=(_pdf("/uploads/Holyhead-cross-border-policing-inspection-2025.pdf", t),),
        pdf_style="chapters",
        findings=(
            Fnd(R, "2.1", "North Wales Police should make sure that officers at the port have "
                "access to the Police Service of Northern Ireland\u2019s intelligence systems.",
                force="north-wales"),
            Fnd(R, "3.1", "By 31 December 2025, the two forces should agree how they will "
                "jointly manage people wanted in both jurisdictions.",
                due_by=date(2025, 12, 31)),
            Fnd(A, "1", "The force should make sure that port officers are trained in "
                "identifying victims of human trafficking."),
            Fnd(A, "2", "The force should improve how it records stops made under Schedule 7 "
                "to the Terrorism Act 2000."),
            Fnd(A, "3", "The force should review the number of detectives assigned to the "
                "port."),
            Fnd(A, "4", "The force should make sure its ferry liaison officers have up-to-date "
                "guidance."),
        ),
        summary="We inspected how two forces police the ferry route between Holyhead and "
                "Dublin and Belfast.",
    )


def stalking() -> Pub:
    """A national thematic: pipe-separated meta, cause of concern, landscape table."""
    t = "The police response to stalking: a national thematic inspection"
    return Pub(
        slug="police-response-to-stalking-national-thematic", title=t,
        published_on=date(2025, 5, 15), listed_on=date(2025, 5, 15),
        types=("Stalking", "Thematic"), landing="pipe",
        forces_text=("All police forces in England and Wales",), all_forces=True,
        docs=(_pdf("/uploads/police-response-to-stalking-thematic-2025.pdf", t,
                   absolute=True),),
        pdf_style="landscape",
        findings=(
            Fnd(C, "1", "Forces are not consistently identifying stalking, so victims are "
                "not getting the protection they need.", numbered=False),
            Fnd(R, "1", "By 31 January 2026, chief constables should make sure that all "
                "reports of harassment are reviewed to identify stalking behaviour.",
                due_by=date(2026, 1, 31), follows="1", owner="Chief constables",
                deadline="31 January 2026"),
            Fnd(R, "2", "By 31 January 2026, chief constables should make sure that stalking "
                "protection orders are considered in every stalking investigation.",
                due_by=date(2026, 1, 31), follows="1", owner="Chief constables",
                deadline="31 January 2026"),
            Fnd(R, "3", "The College of Policing should update its authorised professional "
                "practice on stalking to include the use of stalking protection orders.",
                due_by=date(2026, 7, 31), owner="College of Policing", deadline="31 July 2026"),
        ),
        summary="We inspected how well the police respond to stalking, following the "
                "super-complaint made by the Suzy Lamplugh Trust.",
    )


def peel_north_yorkshire() -> Pub:
    """PEEL 2023-25: date only in <time>, grade-first table, PDF bullet judgments."""
    t = "PEEL 2023\u201325: Police effectiveness, efficiency and legitimacy \u2013 North Yorkshire Police"
    grades = ("adequate", "good", "adequate", "requires improvement", "requires improvement",
              "adequate", "good", "adequate", "adequate")
    return Pub(
        slug="peel-2023-25-north-yorkshire-police", title=t, published_on=date(2025, 2, 11),
        listed_on=date(2025, 2, 11), types=("PEEL",), landing="timeonly",
        forces_text=("North Yorkshire Police",), forces=("north-yorkshire",),
        force_name="North Yorkshire Police",
        docs=(_html("/peel-reports/north-yorkshire-2023-25/", t, role="peel"),
              _pdf("/uploads/peel-2023-25-north-yorkshire-police.pdf", t, role="peel")),
        html_style="peel2023", pdf_style="peel",
        grades=tuple(Grd(a, g, "2023-25") for a, g in zip(PEEL_2023, grades)),
        findings=(
            Fnd(A, "1", "The force should make sure it answers non-emergency calls promptly "
                "and that it reduces the number of abandoned calls.", numbered=False,
                area="Responding to the public"),
            Fnd(A, "2", "The force should make sure that investigations are effectively "
                "supervised and that victims are updated.", numbered=False,
                area="Investigating crime"),
            Fnd(A, "3", "The force should make sure that it records victims\u2019 decisions to "
                "withdraw support for an investigation.", numbered=False,
                area="Investigating crime"),
        ),
        summary="Our PEEL 2023\u201325 assessment of North Yorkshire Police.",
    )


def peel_northumbria_2018() -> Pub:
    """PEEL 2018/19 (4-point): three pillars on an HTML page only."""
    t = "PEEL: Police effectiveness, efficiency and legitimacy 2018/19 \u2013 Northumbria Police"
    return Pub(
        slug="peel-assessment-2018-19-northumbria", title=t, published_on=date(2019, 5, 2),
        listed_on=date(2019, 5, 2), types=("PEEL",), landing="strongbr",
        forces_text=("Northumbria Police",), forces=("northumbria",),
        force_name="Northumbria Police",
        docs=(_html("/peel-reports/northumbria-2018-19/", t, role="peel"),),
        html_style="peel2018",
        grades=(Grd("Effectiveness", "good", "2018-19"), Grd("Efficiency", "outstanding",
                                                              "2018-19"),
                Grd("Legitimacy", "good", "2018-19")),
        summary="Our 2018/19 PEEL assessment of Northumbria Police.",
    )


def cdi_surrey() -> Pub:
    """Crime data integrity 2019: one overall grade, in a PDF only."""
    t = "Surrey Police: Crime Data Integrity inspection 2019"
    return Pub(
        slug="surrey-police-crime-data-integrity-inspection-2019", title=t,
        published_on=date(2019, 8, 22), listed_on=date(2019, 8, 22),
        types=("Crime data integrity",), landing="dlul",
        forces_text=("Surrey Police",), forces=("surrey",), force_name="Surrey Police",
        docs=(_pdf("/uploads/surrey-police-crime-data-integrity-inspection-2019.pdf", t),),
        pdf_style="cdi",
        grades=(Grd("Crime data integrity", "good", "2019"),),
        findings=(
            Fnd(A, "1", "The force should make sure that reports of crime received through its "
                "online reporting portal are recorded within 24 hours."),
            Fnd(A, "2", "The force should improve how it records reports of modern slavery."),
        ),
        summary="We inspected how well Surrey Police records crime.",
    )


def fire_misconduct() -> Pub:
    """Fire & rescue thematic: no police forces, no Section 55 duty."""
    t = "Standards of behaviour: the handling of misconduct in fire and rescue services"
    return Pub(
        slug="standards-of-behaviour-handling-misconduct-fire-and-rescue", title=t,
        published_on=date(2024, 8, 1), listed_on=date(2024, 8, 1),
        types=("Fire & rescue services", "Thematic"), landing="pipe",
        fire_text="All fire and rescue services in England", is_police=False,
        docs=(_pdf("/uploads/standards-of-behaviour-misconduct-fire-and-rescue.pdf", t),),
        pdf_style="headed",
        findings=(
            Fnd(R, "1", "By 1 March 2025, chief fire officers should make sure that their "
                "services have a clear process for handling misconduct allegations.",
                due_by=date(2025, 3, 1)),
            Fnd(R, "2", "Chief fire officers should make sure that staff who investigate "
                "misconduct are trained to do so."),
        ),
        summary="We inspected how fire and rescue services handle misconduct.",
    )


def falklands() -> Pub:
    """A force outside the 43 and the known other bodies: quarantined."""
    t = "An inspection of the Royal Falkland Islands Police"
    return Pub(
        slug="inspection-of-the-royal-falkland-islands-police", title=t,
        published_on=date(2025, 3, 27), listed_on=date(2025, 3, 27),
        types=("Other inspections",), landing="h4",
        forces_text=("Royal Falkland Islands Police",),
        docs=(_pdf("/uploads/royal-falkland-islands-police-inspection-2025.pdf", t),),
        pdf_style="headed",
        findings=(Fnd(R, "1", "The Chief Police Officer should publish a training plan for "
                      "the force."),),
        quarantine="unknown force",
        summary="At the request of the Falkland Islands Government we inspected the force.",
    )


def no_date() -> Pub:
    """Only 'Last updated' on the page: no publication date, quarantined."""
    t = "Joint inspection of the police and Crown Prosecution Service in Norfolk"
    return Pub(
        slug="joint-inspection-police-cps-norfolk", title=t, published_on=None,
        listed_on=date(2024, 11, 5), types=("Joint inspections",), landing="h4",
        forces_text=("Norfolk Constabulary",), forces=("norfolk",),
        docs=(_pdf("/uploads/joint-inspection-police-cps-norfolk.pdf", t),),
        pdf_style="headed",
        findings=(Fnd(R, "1", "The force should improve the quality of its case files."),),
        quarantine="no date", updated="5 November 2024",
        summary="A joint inspection with HM Crown Prosecution Service Inspectorate.",
    )


def cheshire_custody() -> Pub:
    """Single force, pipe meta line, HTML accordions and a PDF with a cause of concern."""
    t = "Report on an unannounced inspection visit to police custody suites in Cheshire"
    return Pub(
        slug="cheshire-police-custody-inspection-2025", title=t, published_on=date(2025, 4, 3),
        listed_on=date(2025, 4, 3), types=("Custody",), landing="pipe",
        forces_text=("Cheshire Constabulary",), forces=("cheshire",),
        docs=(_html("/publication-html/cheshire-custody-suites-unannounced-inspection/", t),
              _pdf("/uploads/cheshire-custody-inspection-report-2025.pdf", t)),
        html_style="details", pdf_style="headed",
        findings=(
            Fnd(C, "1", "The force does not have enough oversight of the use of force in "
                "custody.", numbered=True),
            Fnd(R, "1", "Within six months, the chief constable of Cheshire Constabulary should "
                "make sure that every use of force in custody is recorded and reviewed.",
                force="cheshire", follows="1"),
            Fnd(A, "1", "The force should make sure that detainees are offered a shower and "
                "exercise."),
            Fnd(A, "2", "The force should improve the recording of pre-release risk "
                "assessments."),
        ),
        summary="We carried out an unannounced inspection of Cheshire Constabulary\u2019s "
                "custody suites jointly with HM Inspectorate of Prisons.",
    )


def disallowed() -> Pub:
    """Listed, but robots.txt forbids fetching it."""
    t = "Unpublished: PEEL 2025\u201327 Dorset Police"
    return Pub(
        slug="unpublished-peel-2025-27-dorset", title=t, published_on=date(2025, 9, 30),
        listed_on=date(2025, 9, 30), types=("PEEL",), landing="h4",
        forces_text=("Dorset Police",), forces=("dorset",), disallowed=True, summary="Draft.",
    )


def publications() -> list[Pub]:
    """Every publication, newest first (listing order)."""
    pubs = [reference(), london_rail(), holyhead(), stalking(), peel_north_yorkshire(),
            peel_northumbria_2018(), cdi_surrey(), fire_misconduct(), falklands(), no_date(),
            cheshire_custody(), disallowed()]
    return sorted(pubs, key=lambda p: p.listed_on, reverse=True)
