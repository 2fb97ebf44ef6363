"""The GOV.UK-like replica's publications: what each page and document says.

Written independently of tests/replica: other slugs, other markup choices (``landing``,
``report_style``, ``grade_style``), other findings. Texts here are printed word for word
in the HTML and PDF documents, so Truth is read straight from these specs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tests.replica_govuk.chrome import ASSETS, PUBLIC

R, A, C = "recommendation", "area_for_improvement", "cause_of_concern"
ALL_LOCAL = "All local forces in England and Wales"
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
PEEL_2021 = ("Recording data about crime", "Treatment of the public",
             "Preventing crime and anti-social behaviour", "Responding to the public",
             "Investigating crime", "Protecting vulnerable people",
             "Managing offenders and suspects", "Disrupting serious organised crime",
             "Developing a positive workplace", "Good use of resources")


@dataclass(frozen=True)
class GovukFinding:
    """A finding as printed; ``area`` places a PEEL AFI under its graded area."""

    kind: str
    ref: str
    text: str
    force: str | None = None
    due_by: date | None = None
    numbered: bool = True
    follows: str | None = None
    area: str | None = None


@dataclass(frozen=True)
class GovukGrade:
    """One graded judgment."""

    area: str
    grade: str
    cycle: str


@dataclass(frozen=True)
class GovukDoc:
    """A linked file: ``path`` is where it is served, ``href`` what the page links."""

    path: str
    kind: str
    label: str
    href: str = ""
    language: str = "en"
    role: str = "report"
    published_on: date | None = None

    @property
    def link(self) -> str:
        """The href the landing page prints."""
        return self.href or self.path


@dataclass
class GovukPub:
    """One publication of the GOV.UK-like replica."""

    slug: str
    title: str
    published_on: date | None
    listed_on: date
    types: tuple[str, ...]
    landing: str  # govuk | drupal | bold | th
    date_form: str = "plain"
    forces_text: str | None = None
    forces: tuple[str, ...] = ()
    all_forces: bool = False
    fire_text: str | None = None
    type_links: bool = False
    has_main: bool = True
    sidebar_first: bool = False
    docs: tuple[GovukDoc, ...] = ()
    report_style: str = "h4"  # HTML report findings: h4 | callout | paras
    pdf_style: str = "headed"  # PDF findings: headed | numbered | concerns | questions
    findings: tuple[GovukFinding, ...] = ()
    grades: tuple[GovukGrade, ...] = ()
    grade_style: str = "table"  # PEEL page judgments: table | sentences
    force_name: str = ""
    forces_items: tuple[str, ...] = ()
    quarantine: str | None = None
    disallowed: bool = False
    is_police: bool = True
    summary: str = ""
    extra_pdf: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> str:
        """Landing page path."""
        return f"/publications/{self.slug}/"

    def of(self, kind: str) -> list[GovukFinding]:
        """Findings of one kind in document order."""
        return [f for f in self.findings if f.kind == kind]


def _html(path: str, title: str, absolute: bool = False, role: str = "report",
          published_on: date | None = None) -> GovukDoc:
    return GovukDoc(path, "html", f"{title} (HTML)", PUBLIC + path if absolute else "", role=role,
                  published_on=published_on)


def _pdf(path: str, title: str, absolute: bool = False, role: str = "report") -> GovukDoc:
    return GovukDoc(path, "pdf", f"{title} (PDF document)", ASSETS + path if absolute else "",
                  role=role)


def reference() -> GovukPub:
    """The reference report, all local forces, three recommendations."""
    t = REFERENCE_TITLE
    return GovukPub(
        slug=REFERENCE_SLUG, title=t, published_on=date(2025, 8, 28), listed_on=date(2025, 8, 28),
        types=("Crime recording", "Data", "Data quality", "Spotlight"), landing="govuk",
        date_form="weekday", forces_text=ALL_LOCAL, all_forces=True,
        docs=(_html("/publication-html/crime-recording-how-effectively-do-the-police-record-"
                    "crime/", t, absolute=True, published_on=date(2025, 9, 4)),
              _pdf("/uploads/How-effectively-do-the-police-record-crime-2021-2025.pdf", t,
                   absolute=True)),
        report_style="h4", pdf_style="headed",
        findings=tuple(GovukFinding(R, str(i), text) for i, text in enumerate(REFERENCE_RECS, 1)),
        summary="Between 2021 and 2025 we inspected how accurately every police force in "
                "England and Wales records crime.",
        extra_pdf={"findings_paragraphs": "33"},  # recommendation 3 runs over a page break
    )


def devon_cornwall() -> GovukPub:
    """Single force, Drupal fields, causes of concern in callouts, AFIs as paragraphs."""
    t = "An inspection of vetting and counter-corruption in Devon & Cornwall Police"
    return GovukPub(
        slug="vetting-and-counter-corruption-devon-and-cornwall", title=t,
        published_on=date(2025, 6, 3), listed_on=date(2025, 6, 3),
        types=("Police integrity", "Vetting"), landing="drupal", date_form="short",
        type_links=True, forces_text="Devon & Cornwall Police", forces=("devon-and-cornwall",),
        has_main=False, sidebar_first=True,
        docs=(_html("/publication-html/vetting-counter-corruption-devon-cornwall-2025/", t),
              _pdf("/uploads/devon-and-cornwall-vetting-inspection-2025.pdf", t)),
        report_style="callout", pdf_style="concerns",
        findings=(
            GovukFinding(C, "1", "The force does not have enough vetting staff to manage its "
                       "workload, so some officers work without the clearance their posts "
                       "require."),
            GovukFinding(R, "1", "By 31 March 2026, the force should make sure that every officer "
                       "and member of staff holds the vetting clearance their post requires.",
                       due_by=date(2026, 3, 31), follows="1"),
            GovukFinding(R, "2", "The force should review the staffing of its vetting unit so it "
                       "can complete applications within its own target times.", follows="1"),
            GovukFinding(C, "2", "The counter-corruption unit does not assess all the corruption "
                       "intelligence it receives in good time."),
            GovukFinding(R, "3", "The force should make sure that its counter-corruption unit "
                       "assesses and develops all corruption intelligence promptly.",
                       follows="2"),
            GovukFinding(A, "1", "The force should improve how it records the rationale for "
                       "vetting decisions that go against the applicant."),
            GovukFinding(A, "2", "The force should make sure that its supervisors understand how "
                       "to identify and report potential abuse of position for a sexual "
                       "purpose."),
        ),
        summary="We inspected how well Devon & Cornwall Police vets its workforce and tackles "
                "corruption.",
    )


def protests() -> GovukPub:
    """Multi-force with aliases, bold labels, PDF only with numbered recommendations."""
    t = "An inspection of how well three forces police protests"
    return GovukPub(
        slug="how-well-three-forces-police-protests", title=t,
        published_on=date(2025, 4, 24), listed_on=date(2025, 4, 24), types=("Public order",),
        landing="bold", date_form="ordinal",
        forces_text="the Metropolitan Police Service, Avon and Somerset Constabulary and "
                    "Heddlu Dyfed-Powys",
        forces=("avon-and-somerset", "dyfed-powys", "metropolitan"),
        docs=(_pdf("/uploads/Policing-protests-three-forces-inspection.pdf", t, absolute=True),),
        pdf_style="numbered",
        findings=(
            GovukFinding(R, "1", "The Commissioner of the Metropolitan Police Service should "
                       "make sure that protest liaison officers are deployed to every "
                       "planned protest that is likely to cause serious disruption.",
                       force="metropolitan"),
            GovukFinding(R, "2", "The chief constable of Avon and Somerset Constabulary should "
                       "review how the force briefs public order commanders on the law on "
                       "protest.", force="avon-and-somerset"),
            GovukFinding(R, "3", "By 30 September 2025, chief constables should make sure that "
                       "their forces record the reasons for every condition imposed on a "
                       "protest.", due_by=date(2025, 9, 30)),
            GovukFinding(A, "1", "Forces should improve how they gather and share intelligence "
                       "about protest groups.", numbered=False),
            GovukFinding(A, "2", "Forces should make better use of their evidence-gathering "
                       "teams at protests.", numbered=False),
        ),
        summary="We looked at how three forces prepare for and police protests.",
    )


def fire_thematic() -> GovukPub:
    """A fire & rescue thematic: no police forces, no Section 55 duty."""
    t = "Values and culture in fire and rescue services: a progress report"
    return GovukPub(
        slug="values-and-culture-in-fire-and-rescue-services-progress",
        title=t, published_on=date(2025, 3, 20), listed_on=date(2025, 3, 20),
        types=("Fire & rescue services", "Thematic"), landing="th",
        fire_text="All fire and rescue services in England", is_police=False,
        docs=(_pdf("/uploads/values-and-culture-fire-progress-report.pdf", t),),
        pdf_style="headed",
        findings=(
            GovukFinding(R, "1", "By 1 October 2025, chief fire officers should make sure that "
                       "their services have a confidential way for staff to raise concerns.",
                       due_by=date(2025, 10, 1)),
            GovukFinding(R, "2", "Chief fire officers should make sure that background checks "
                       "are completed for all staff."),
        ),
        summary="We followed up our 2023 report on values and culture in fire and rescue "
                "services.",
    )


def consultation() -> GovukPub:
    """A consultation with numbered questions, which are not findings."""
    t = "PEEL 2025\u201327: consultation on the inspection framework"
    return GovukPub(
        slug="peel-2025-27-consultation", title=t, published_on=date(2025, 1, 16),
        listed_on=date(2025, 1, 16), types=("Consultations", "Frameworks"), landing="govuk",
        is_police=False,
        docs=(_pdf("/uploads/PEEL-2025-27-consultation-document.pdf", t),),
        pdf_style="questions",
        summary="We are consulting on how we will assess police forces from 2025.",
    )


def kent_peel() -> GovukPub:
    """PEEL 2023-25 page with an Area | Grade table, and its PDF."""
    t = "PEEL 2023\u201325: An inspection of Kent Police"
    grades = ("good", "adequate", "good", "requires improvement", "adequate", "adequate",
              "good", "adequate", "good")
    return GovukPub(
        slug="peel-2023-25-kent-police", title=t, published_on=date(2025, 3, 4),
        listed_on=date(2025, 3, 4), types=("PEEL",), landing="drupal", date_form="weekday",
        forces_text="Kent Police", forces=("kent",), force_name="Kent Police",
        docs=(_html("/peel-reports/kent-2023-25/", t, role="peel"),
              _pdf("/uploads/PEEL-2023-25-Kent-Police.pdf", t, absolute=True, role="peel")),
        grades=tuple(GovukGrade(a, g, "2023-25") for a, g in zip(PEEL_2023, grades)),
        grade_style="table",
        findings=(
            GovukFinding(A, "1", "The force should make sure it answers emergency and "
                       "non-emergency calls within national standards.", numbered=False,
                       area="Responding to the public"),
            GovukFinding(A, "2", "The force should make sure investigations are allocated to "
                       "officers with the right skills and are supervised effectively.",
                       numbered=False, area="Investigating crime"),
        ),
        summary="This report sets out our PEEL assessment of Kent Police.",
    )


def dyfed_powys_peel() -> GovukPub:
    """PEEL 2021/22 page with judgments as sentences and a Welsh PDF only."""
    t = "PEEL 2021/22: An inspection of Dyfed-Powys Police"
    grades = ("adequate", "good", "good", "adequate", "requires improvement", "adequate",
              "good", "adequate", "good", "adequate")
    return GovukPub(
        slug="peel-2021-22-dyfed-powys", title=t, published_on=date(2022, 7, 22),
        listed_on=date(2022, 7, 22), types=("PEEL",), landing="th",
        forces_text="Dyfed-Powys Police", forces=("dyfed-powys",), force_name="Dyfed-Powys Police",
        docs=(_html("/peel-reports/dyfed-powys-2021-22/", t, absolute=True, role="peel"),
              GovukDoc("/uploads/peel-2021-22-dyfed-powys-cymraeg.pdf", "pdf",
                     "Os hoffech chi ddarllen hwn trwy\u2019r Gymraeg (PDF document)",
                     language="cy", role="peel")),
        grades=tuple(GovukGrade(a, g, "2021-22") for a, g in zip(PEEL_2021, grades)),
        grade_style="sentences",
        findings=(GovukFinding(A, "1", "The force should improve how it records and reviews "
                             "investigation plans.", area="Investigating crime"),),
        summary="This report sets out our PEEL assessment of Dyfed-Powys Police.",
    )


def lancashire_2016() -> GovukPub:
    """Before 2 May 2017: the duty applies with no time limit."""
    t = "Lancashire Constabulary: Crime data integrity inspection 2016"
    return GovukPub(
        slug="lancashire-crime-data-integrity-2016", title=t, published_on=date(2017, 3, 2),
        listed_on=date(2017, 3, 2), types=("Crime data integrity",), landing="th",
        date_form="ordinal", forces_text="Lancashire Constabulary", forces=("lancashire",),
        docs=(_pdf("/uploads/lancashire-crime-data-integrity-2016.pdf", t),),
        pdf_style="concerns",
        findings=(
            GovukFinding(C, "1", "The force is failing to record a significant proportion of "
                       "reports of violent crime."),
            GovukFinding(R, "1", "Within three months, the force should put in place an action "
                       "plan to improve the recording of violent crime.", follows="1"),
            GovukFinding(R, "2", "Within six months, the force should train all staff who "
                       "receive reports of crime in the national crime recording standard.",
                       follows="1"),
        ),
        summary="We audited crime records in Lancashire Constabulary.",
    )


def greater_manchester() -> GovukPub:
    """A mayor's force; findings as 'Recommendation 1: ...' paragraphs, HTML only."""
    t = "An inspection of child protection arrangements in Greater Manchester Police"
    return GovukPub(
        slug="child-protection-inspection-greater-manchester", title=t,
        published_on=date(2025, 6, 10), listed_on=date(2025, 6, 10),
        types=("Child protection",), landing="drupal", date_form="weekday",
        forces_text="Greater Manchester Police", forces=("greater-manchester",),
        has_main=False,
        docs=(_html("/publication-html/child-protection-greater-manchester-police/", t),),
        report_style="paras",
        findings=(
            GovukFinding(R, "1", "Within six months, the force should make sure that officers "
                       "record the voice of the child in every child protection referral."),
            GovukFinding(R, "2", "The force should review how it shares information with "
                       "children\u2019s social care about children at risk of exploitation."),
            GovukFinding(A, "1", "The force should improve the quality of supervision of "
                       "missing children investigations."),
        ),
        summary="We inspected how well Greater Manchester Police protects children.",
    )


def yorkshire() -> GovukPub:
    """Four forces shown as separate linked items; mayors took over two in May 2024."""
    t = "Serious violence in Yorkshire and the Humber: a joint thematic inspection"
    names = ("Humberside Police", "North Yorkshire Police", "South Yorkshire Police",
             "West Yorkshire Police")
    return GovukPub(
        slug="serious-violence-yorkshire-and-the-humber", title=t,
        published_on=date(2024, 6, 20), listed_on=date(2024, 6, 20),
        types=("Serious violence", "Thematic"), landing="drupal", type_links=True,
        forces_text=", ".join(names), forces_items=names,
        forces=("humberside", "north-yorkshire", "south-yorkshire", "west-yorkshire"),
        docs=(_html("/publication-html/serious-violence-yorkshire-humber/", t),),
        report_style="table",
        findings=(
            GovukFinding(R, "1", "By 31 December 2024, the four forces should agree a shared "
                       "problem profile for serious violence in the region.",
                       due_by=date(2024, 12, 31)),
            GovukFinding(R, "2", "West Yorkshire Police should evaluate its violence reduction "
                       "patrols and publish the results.", force="west-yorkshire"),
        ),
        summary="We inspected how four forces work together to reduce serious violence.",
    )


def no_date() -> GovukPub:
    """A landing page without any publication date: quarantined."""
    t = "Joint inspection of youth offending services in Norfolk"
    return GovukPub(
        slug="joint-inspection-youth-offending-norfolk", title=t, published_on=None,
        listed_on=date(2021, 5, 1), types=("Joint inspections",), landing="bold",
        forces_text="Norfolk Constabulary", forces=("norfolk",),
        docs=(_pdf("/uploads/youth-offending-norfolk-joint-inspection.pdf", t),),
        pdf_style="numbered",
        findings=(GovukFinding(R, "1", "The force should improve how it shares information "
                             "with the youth offending service."),),
        quarantine="no date",
        summary="A joint inspection with HM Inspectorate of Probation.",
    )


def gibraltar() -> GovukPub:
    """A force outside the 43 and outside the other known bodies: quarantined."""
    t = "An inspection of the Royal Gibraltar Police"
    return GovukPub(
        slug="inspection-of-the-royal-gibraltar-police", title=t, published_on=date(2025, 2, 12),
        listed_on=date(2025, 2, 12), types=("Other inspections",), landing="govuk",
        forces_text="Royal Gibraltar Police",
        docs=(_pdf("/uploads/royal-gibraltar-police-inspection.pdf", t),),
        pdf_style="numbered",
        findings=(GovukFinding(R, "1", "The Commissioner of Police should publish a workforce "
                             "plan."),),
        quarantine="unknown force",
        summary="At the request of the Gibraltar Police Authority we inspected the force.",
    )


def embargoed() -> GovukPub:
    """Listed, but robots.txt forbids fetching it."""
    t = "PEEL spotlight report: embargoed draft"
    return GovukPub(
        slug="embargoed-peel-spotlight-draft", title=t, published_on=date(2024, 12, 5),
        listed_on=date(2024, 12, 5), types=("PEEL",), landing="govuk",
        forces_text=ALL_LOCAL, all_forces=True, disallowed=True, summary="Draft.",
    )


def publications() -> list[GovukPub]:
    """Every publication, newest first (listing order)."""
    pubs = [reference(), devon_cornwall(), protests(), fire_thematic(), consultation(),
            kent_peel(), dyfed_powys_peel(), lancashire_2016(), greater_manchester(), no_date(),
            yorkshire(),
            gibraltar(), embargoed()]
    return sorted(pubs, key=lambda p: p.listed_on, reverse=True)
