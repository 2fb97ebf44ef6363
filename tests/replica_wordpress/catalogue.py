"""The WordPress replica's publications: what each page and document says, word for word.

Written independently of the other three replicas: WordPress block-editor landing pages
with ordinal dates, a search-result listing paged by ``?paged=N`` with a Featured block,
reports whose findings sit in rowspan tables, nested lists and split paragraphs, PDFs
with shaded recommendation boxes, top-right page numbers and footnotes, a PEEL 2021/22
page whose grades are images, and a fire & rescue round-2 page. Truth is read from here.
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
PEEL_2021 = ("Recording data about crime", "Treatment of the public",
             "Preventing crime and anti-social behaviour", "Responding to the public",
             "Investigating crime", "Protecting vulnerable people",
             "Managing offenders and suspects", "Disrupting serious organised crime",
             "Developing a positive workplace", "Good use of resources")
FRS_PILLARS = (
    ("Effectiveness", "How effective is the service at keeping people safe and secure from "
     "fire and other risks?", ("Understanding the risk of fire and other emergencies",
                               "Preventing fires and other risks",
                               "Protecting the public through fire regulation",
                               "Responding to fires and other emergencies",
                               "Responding to major and multi-agency incidents")),
    ("Efficiency", "How efficient is the service at keeping people safe and secure from "
     "fire and other risks?", ("Making best use of resources",
                               "Making the fire and rescue service affordable now and in "
                               "the future")),
    ("People", "How well does the service look after its people?",
     ("Promoting the right values and culture",
      "Getting the right people with the right skills",
      "Ensuring fairness and promoting diversity",
      "Managing performance and developing leaders")),
)


@dataclass(frozen=True)
class Fnd:
    """A finding as printed (``numbered``: the document prints its ref)."""

    kind: str
    ref: str
    text: str
    force: str | None = None
    due_by: date | None = None
    numbered: bool = True
    follows: str | None = None
    area: str | None = None
    theme: str = ""
    deadline: str = ""
    subs: tuple[str, ...] = ()  # sub-bullets printed under the lead-in (part of ``text``);
    #                             each is a finding of its own, ref "<ref>.<n>"


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
    """One publication of the WordPress replica."""

    slug: str
    title: str
    published_on: date
    types: tuple[str, ...]
    forces_html: str = ""  # the 'Police forces' value as printed (HTML)
    forces: tuple[str, ...] = ()
    all_forces: bool = False
    fire_text: str | None = None
    fire_service: str | None = None
    docs: tuple[Doc, ...] = ()
    html_style: str = ""  # ordered | rowspan | nested | concern
    pdf_style: str = ""  # boxes | peel | plain
    findings: tuple[Fnd, ...] = ()
    grades: tuple[Grd, ...] = ()
    force_name: str = ""
    is_police: bool = True
    needs_review: bool = False
    summary: str = ""
    date_html: str = ""  # the 'Published on' value as printed (HTML); default ordinal

    @property
    def path(self) -> str:
        """Landing page path."""
        return f"/publications/{self.slug}/"

    def of(self, kind: str) -> list[Fnd]:
        """Findings of one kind in document order."""
        return [f for f in self.findings if f.kind == kind]


def ordinal(day: date) -> str:
    """'1st September 2025'."""
    n = day.day
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} {day:%B %Y}"


def _html(path: str, title: str, role: str = "report", label: str = "") -> Doc:
    return Doc(path, "html", label or f"{title} (HTML)", role=role)


def _pdf(path: str, title: str, absolute: bool = False, role: str = "report") -> Doc:
    return Doc(path, "pdf", f"{title} (PDF document)", ASSETS + path if absolute else "",
               role=role)


def _links(names: list[tuple[str, str]], sep: str) -> str:
    return sep.join(f'<a href="/police-forces/{slug}/">{name}</a>' for name, slug in names)


def reference() -> Pub:
    """The reference report: HTML (ordered list, footnote, split item) and a boxed PDF."""
    t = REFERENCE_TITLE
    return Pub(
        slug=REFERENCE_SLUG, title=t, published_on=date(2025, 8, 28),
        types=("Crime recording", "Data", "Data quality", "Spotlight"),
        forces_html="All local forces in England and Wales", all_forces=True,
        docs=(_html("/publication-html/how-effectively-do-the-police-record-crime/", t,
                    label="Read the report online"),
              _pdf("/uploads/how-effectively-do-the-police-record-crime.pdf", t,
                   absolute=True)),
        html_style="ordered", pdf_style="boxes",
        findings=tuple(Fnd(R, str(i), text, numbered=False)
                       for i, text in enumerate(REFERENCE_RECS, 1)),
        summary="This spotlight report sets out what our crime data integrity inspections "
                "have found about how well forces record crime.",
    )


def fraud() -> Pub:
    """All police forces; a boxed PDF with a singular 'Area for improvement' section."""
    t = "An inspection of how well the police respond to fraud"
    return Pub(
        slug="inspection-of-how-well-the-police-respond-to-fraud", title=t,
        published_on=date(2025, 9, 1), types=("Fraud", "Thematic"),
        forces_html="All police forces in England and Wales", all_forces=True,
        docs=(_pdf("/uploads/police-response-to-fraud-inspection-2025.pdf", t),),
        pdf_style="boxes",
        findings=(
            Fnd(R, "1", "By 31 March 2026, chief constables should make sure that every "
                "report of fraud passed to them by the National Fraud Intelligence Bureau is "
                "assessed within 28 days.", due_by=date(2026, 3, 31), numbered=False),
            Fnd(R, "2", "City of London Police, as the national lead force for fraud, should "
                "publish a plan for replacing the national fraud reporting system.",
                force="city-of-london", numbered=False),
            Fnd(A, "1", "Forces should make sure that victims of fraud are told who is "
                "investigating their case and how to contact the investigator.",
                numbered=False),
        ),
        summary="We inspected how well police forces in England and Wales respond to fraud.",
    )


EIGHT = [("Dyfed-Powys Police", "dyfed-powys"), ("Gloucestershire Constabulary",
                                                 "gloucestershire"),
         ("Lincolnshire Police", "lincolnshire"), ("Norfolk Constabulary", "norfolk"),
         ("North Yorkshire Police", "north-yorkshire"), ("Suffolk Constabulary", "suffolk"),
         ("West Mercia Police", "west-mercia"), ("Wiltshire Police", "wiltshire")]


def rural() -> Pub:
    """Eight forces as links split by <br>; recommendations in a rowspan table."""
    t = "Policing in rural areas: an inspection of eight forces"
    return Pub(
        slug="policing-in-rural-areas-inspection-of-eight-forces", title=t,
        published_on=date(2025, 7, 24), types=("Rural crime", "Thematic"),
        forces_html="<br>" + _links(EIGHT, "<br>"),
        forces=tuple(s for _, s in EIGHT),
        docs=(_html("/publication-html/policing-in-rural-areas-eight-forces/", t),),
        html_style="rowspan",
        findings=(
            Fnd(R, "1", "By 31 March 2026, chief constables should make sure that crimes "
                "committed on farms are flagged as rural crime on their crime recording "
                "systems.", due_by=date(2026, 3, 31), theme="Recording rural crime",
                deadline="31 March 2026"),
            Fnd(R, "2", "By 31 March 2026, chief constables should make sure that their crime "
                "recording systems distinguish between wildlife crime and heritage crime.",
                due_by=date(2026, 3, 31), theme="Recording rural crime",
                deadline="31 March 2026"),
            Fnd(R, "3", "The National Police Chiefs\u2019 Council lead for rural crime should "
                "publish guidance on how forces should work with rural crime partnerships.",
                due_by=date(2026, 9, 30), theme="Working with partners",
                deadline="30 September 2026"),
            Fnd(A, "1", "Dyfed-Powys Police should make sure its rural crime team has enough "
                "officers to cover the whole force area.", force="dyfed-powys",
                numbered=False),
            Fnd(A, "2", "The forces should make sure that call handlers ask callers for a "
                "precise location, such as a grid reference, when they report crime in "
                "rural areas.", numbered=False),
        ),
        summary="We inspected how eight largely rural forces prevent and investigate crime "
                "in the countryside.",
    )


def county_lines() -> Pub:
    """Forces named by aliases and a trailing note; nested sub-bullets; singular AFI."""
    t = "Tackling county lines: how well do forces work across their boundaries?"
    return Pub(
        slug="tackling-county-lines-across-force-boundaries", title=t,
        published_on=date(2025, 6, 10), types=("Serious and organised crime", "County lines"),
        forces_html="GMP, the Met, Heddlu Gogledd Cymru, Devon and Cornwall Police, Thames "
                    "Valley Police (lead force) and Cumbria Constabulary",
        forces=("greater-manchester", "metropolitan", "north-wales", "devon-and-cornwall",
                "thames-valley", "cumbria"),
        docs=(_html("/publication-html/tackling-county-lines-across-force-boundaries/", t),),
        html_style="nested",
        findings=(
            Fnd(R, "1", "By 31 January 2026, chief constables of the six forces should make "
                "sure that: every county lines referral is assessed by a trained officer; "
                "safeguarding referrals for children are made within 24 hours; and the "
                "outcome of each referral is recorded on the force\u2019s intelligence "
                "system.", due_by=date(2026, 1, 31), numbered=False,
                subs=("every county lines referral is assessed by a trained officer;",
                      "safeguarding referrals for children are made within 24 hours; and",
                      "the outcome of each referral is recorded on the force\u2019s "
                      "intelligence system.")),
            Fnd(R, "2", "Thames Valley Police, as the lead force, should set up a regional "
                "county lines co-ordination meeting that the other forces attend.",
                force="thames-valley", numbered=False),
            Fnd(A, "1", "The forces should make sure that officers know how to use the "
                "National Referral Mechanism for children exploited by county lines gangs.",
                numbered=False),
        ),
        summary="We inspected how six forces work together against county lines drug "
                "dealing.",
    )


def cumbria() -> Pub:
    """A joint inspection naming one force (needs review); boxed PDF, imprint on page 2."""
    t = ("Joint targeted area inspection of the multi-agency response to children at risk "
         "of exploitation in Cumbria")
    return Pub(
        slug="joint-targeted-area-inspection-children-cumbria", title=t,
        published_on=date(2025, 7, 3), types=("Joint inspections", "Child protection"),
        forces_html="Cumbria Constabulary", forces=("cumbria",), needs_review=True,
        docs=(_pdf("/uploads/jtai-cumbria-children-at-risk-of-exploitation-2025.pdf", t),),
        pdf_style="boxes",
        findings=(
            Fnd(R, "1", "Cumbria Constabulary should make sure that information from return "
                "home interviews with children who have been missing is recorded on its "
                "intelligence systems.", force="cumbria", numbered=False),
            Fnd(R, "2", "The local safeguarding partnership should review how the police, "
                "health services and children\u2019s services share information when a "
                "child is first referred.", numbered=False),
        ),
        summary="Ofsted, the Care Quality Commission, HMICFRS and HM Inspectorate of "
                "Probation inspected the response to children at risk of exploitation.",
    )


def east_midlands() -> Pub:
    """A regional line naming five forces; a cause of concern with its recommendations."""
    t = "An inspection of the East Midlands Special Operations Unit"
    return Pub(
        slug="inspection-of-the-east-midlands-special-operations-unit", title=t,
        published_on=date(2025, 5, 15), types=("Serious and organised crime",),
        forces_html="Lincolnshire Police, Nottinghamshire Police, Derbyshire Constabulary, "
                    "Leicestershire Police and Northamptonshire Police (East Midlands region)",
        forces=("lincolnshire", "nottinghamshire", "derbyshire", "leicestershire",
                "northamptonshire"),
        docs=(_html("/publication-html/east-midlands-special-operations-unit-2025/", t),),
        html_style="concern",
        findings=(
            Fnd(C, "1", "The regional organised crime unit does not have a clear picture of "
                "the threat from serious and organised crime across the region.",
                numbered=False),
            Fnd(R, "1", "By 30 November 2025, the five chief constables should agree a single "
                "regional strategic assessment of serious and organised crime.",
                due_by=date(2025, 11, 30), follows="1", numbered=False),
            Fnd(R, "2", "By 30 November 2025, the head of the regional organised crime unit "
                "should make sure that intelligence from each force is assessed against the "
                "regional priorities.", due_by=date(2025, 11, 30), follows="1",
                numbered=False),
        ),
        summary="We inspected the regional organised crime unit that serves the five East "
                "Midlands forces.",
    )


def peel_bedfordshire() -> Pub:
    """PEEL 2021/22: grades as images with alt text; a PDF grade table over two pages."""
    t = "PEEL 2021/22 \u2013 Police effectiveness, efficiency and legitimacy: An inspection " \
        "of Bedfordshire Police"
    grades = ("good", "adequate", "good", "requires improvement", "adequate", "adequate",
              "good", "outstanding", "adequate", "requires improvement")
    return Pub(
        slug="peel-2021-22-bedfordshire-police", title=t, published_on=date(2022, 6, 30),
        types=("PEEL",), forces_html=_links([("Bedfordshire Police", "bedfordshire")], ""),
        forces=("bedfordshire",), force_name="Bedfordshire Police",
        docs=(_html("/peel-reports/bedfordshire-2021-22/", t, role="peel"),
              _pdf("/uploads/peel-assessment-2021-22-bedfordshire.pdf", t, role="peel")),
        pdf_style="peel",
        grades=tuple(Grd(a, g, "2021-22") for a, g in zip(PEEL_2021, grades)),
        findings=(
            Fnd(A, "1", "The force should make sure it answers emergency calls within the "
                "national target of ten seconds.", numbered=False,
                area="Responding to the public"),
            Fnd(A, "2", "The force should make sure that victims\u2019 needs are assessed at "
                "the start of every investigation.", numbered=False,
                area="Investigating crime"),
            Fnd(A, "3", "The force should make sure it understands the demand on its "
                "investigation teams.", numbered=False, area="Good use of resources"),
        ),
        summary="Our 2021/22 PEEL inspection assessed how good Bedfordshire Police is in ten "
                "areas of policing.",
        date_html='<time datetime="2022-06-30">30th June 2022</time>',
    )


def frs_cornwall() -> Pub:
    """Fire & rescue round 2: 3 pillars and 11 questions on the 4-point scale."""
    t = "Cornwall Fire and Rescue Service: Effectiveness, efficiency and people 2021/22"
    words = ("good", "good", "good", "requires improvement", "good", "good",
             "requires improvement", "requires improvement", "good",
             "requires improvement", "good", "good", "requires improvement", "inadequate")
    # order: pillar then its questions, as printed
    names = [n for pillar, _, qs in FRS_PILLARS for n in (pillar, *qs)]
    assert len(names) == len(words) == 14
    return Pub(
        slug="cornwall-fire-and-rescue-service-2021-22", title=t,
        published_on=date(2022, 7, 27), types=("Fire & rescue services",),
        fire_text="Cornwall Fire and Rescue Service",
        fire_service="Cornwall Fire and Rescue Service", is_police=False,
        docs=(_html("/frs-assessment/frs-2021-22/cornwall/", t, role="frs"),),
        grades=tuple(Grd(a, g, "2021-22") for a, g in zip(names, words)),
        findings=(
            Fnd(A, "1", "The service should make sure it has an effective system for staff "
                "to use learning to improve its response.", numbered=False),
            Fnd(A, "2", "The service should make sure it has a plan for recruiting on-call "
                "firefighters in the areas where it most needs them.", numbered=False),
        ),
        summary="This is our second inspection of Cornwall Fire and Rescue Service.",
    )


def annual_report() -> Pub:
    """A corporate document: no forces, no findings, no Section 55 duty."""
    t = "HMICFRS annual report and accounts 2024\u201325"
    return Pub(
        slug="hmicfrs-annual-report-and-accounts-2024-25", title=t,
        published_on=date(2025, 7, 17), types=("Corporate documents",), is_police=False,
        docs=(_pdf("/uploads/hmicfrs-annual-report-and-accounts-2024-25.pdf", t,
                   absolute=True),),
        pdf_style="plain",
        summary="Our annual report and accounts for the year ending 31 March 2025.",
    )


def publications() -> list[Pub]:
    """Every publication, newest first (listing order)."""
    pubs = [reference(), fraud(), rural(), county_lines(), cumbria(), east_midlands(),
            peel_bedfordshire(), frs_cornwall(), annual_report()]
    return sorted(pubs, key=lambda p: p.published_on, reverse=True)
