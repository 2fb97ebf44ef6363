"""Generated sites (hypothesis): listings, landing pages and report pages combined from the
shapes we know, with the truth they encode (tests/replica_direct/generated_pages.py prints
them).

Each publication is one family linked straight from the listing: a landing page, a PEEL
force report, a letter, an FRS assessment (2021 effectiveness page or 2023-2025 page),
an HTML report version, or a PDF. Landing pages use one label style (strong+colon, span,
dl, table, ARIA sections, chips), one date form and one value-list form (commas, a final
"and", one per line), and may offer a Welsh version ("Cymraeg"); every family carries its
findings (recommendations, areas for improvement, causes of concern) and PEEL/FRS pages
their graded judgments. Pages may carry a banner and a sidebar with a decoy date, and be
served in windows-1252. The news feed may be paged (``/news/page/<n>/``) and show a
publication the listing lacks.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import strategies as st

FORCES = (("kent", "Kent Police"), ("essex", "Essex Police"), ("durham", "Durham Constabulary"),
          ("norfolk", "Norfolk Constabulary"), ("cleveland", "Cleveland Police"))
SERVICES = (("avon", "Avon Fire and Rescue Service"), ("kent", "Kent Fire and Rescue Service"),
            ("cornwall", "Cornwall Fire and Rescue Service"),
            ("durham-and-darlington", "County Durham and Darlington Fire and Rescue Service"))
FAMILIES = ("landing", "peel", "letter", "frs21", "frs23", "html", "pdf")
LABELS = ("strong", "span", "dl", "table", "aria", "chips")
VALUES = ("comma", "and", "lines")
TYPES = ("Crime", "Child protection", "Joint inspections", "Police inspection programme")
KINDS = ("recommendation", "area_for_improvement", "cause_of_concern")
_DOINGS = ("answer emergency calls promptly", "record crimes accurately",
           "supervise investigations", "protect vulnerable people", "train its call handlers",
           "keep victims informed", "review its use of force", "improve its data quality")
PEEL_AREAS = (("Investigating crime", "Good"), ("Responding to the public", "Adequate"),
              ("Protecting vulnerable people", "Requires improvement"))
FRS_AREAS = (("Understanding the risk of fire and other emergencies", "Good"),
             ("Preventing fires and other risks", "Adequate"))
FRS_2021_AREAS = (("Understanding the risk of fire and other emergencies", "Good"),  # 4-point
                  ("Preventing fires and other risks", "Requires improvement"))


def date_forms(day: date) -> list[str]:
    """Every printed form of a date the site uses (day first)."""
    return [f"{day.day} {day:%B %Y}", f"{day:%d %B %Y}", f"{day:%A} {day.day} {day:%B %Y}",
            day.isoformat(), f"{day.day}/{day.month}/{day.year}", f"{day.day} {day:%b %Y}"]


@dataclass(frozen=True)
class Finding:
    """One finding as printed (a cause of concern carries its recommendation)."""

    kind: str
    text: str


@dataclass(frozen=True)
class GenPub:
    """One generated publication, how it is printed, and what the store must hold."""

    family: str
    n: int
    published_on: date
    forces: tuple[tuple[str, str], ...]     # police forces (none for an FRS assessment)
    service: tuple[str, str]                # the FRS assessment's service
    label: str
    values: str
    date_form: int
    types: tuple[str, ...]
    findings: tuple[Finding, ...]
    welsh: str   # '' (none), 'pdf' (a Welsh PDF) or 'html' (a Welsh HTML version)

    @property
    def slug(self) -> str:
        first = self.forces[0][0] if self.forces else self.service[0]
        return {"landing": f"inspection-{self.n}-{first}", "peel": f"{first}-2023-25-{self.n}",
                "letter": f"{first}-causes-of-concern-revisit-letter-{self.n}",
                "frs21": self.service[0], "frs23": f"{self.service[0]}-2023-2025",
                "html": f"{first}-response-to-stalking-{self.n}",
                "pdf": f"{first}-custody-inspection-{self.n}"}[self.family]

    @property
    def path(self) -> str:
        return {"landing": f"/publications/{self.slug}/", "peel": f"/peel-reports/{self.slug}/",
                "letter": f"/letters/{self.slug}/",
                "frs21": f"/frs-assessment/frs-2021/{self.slug}/effectiveness/",
                "frs23": f"/frs-assessments/{self.slug}/",
                "html": f"/publication-html/{self.slug}/",
                "pdf": f"/uploads/{self.slug}.pdf"}[self.family]

    @property
    def pid(self) -> str:
        return self.slug if self.family == "landing" else \
            "--".join(s for s in self.path.split("/") if s)

    @property
    def title(self) -> str:
        names = " and ".join(name for _, name in self.forces)
        service = self.service[1]
        return {"landing": f"{names}: an inspection of the response to fraud {self.n}",
                "peel": f"PEEL 2023\u20132025: An inspection of {names}",
                "letter": f"{names}: Causes of concern revisit letter {self.n}",
                "frs21": f"{service}: Effectiveness 2021/22",
                "frs23": f"{service}: Fire and rescue service inspection 2023\u20132025",
                "html": f"{names}: an inspection of the response to stalking {self.n}",
                "pdf": f"{names}: an inspection of custody suites {self.n}"}[self.family]

    @property
    def grades(self) -> tuple[tuple[str, str], ...]:
        return {"peel": PEEL_AREAS, "frs21": FRS_2021_AREAS, "frs23": FRS_AREAS
                }.get(self.family, ())

    @property
    def welsh_doc(self) -> str:
        """The Welsh version's path (the landing page offers it, the listing item links
        it as 'Cymraeg')."""
        return f"/uploads/{self.slug}-cymraeg.pdf" if self.welsh == "pdf" else \
            f"/publication-html/{self.slug}-cymraeg/"


@dataclass(frozen=True)
class GenSite:
    """A generated site's shape: its publications, paging and page furniture."""

    pubs: tuple[GenPub, ...]
    per_page: int
    banner: bool
    sidebar: bool
    legacy: bool  # served as windows-1252
    news_pages: int = 1     # the news feed's pages (the last one links ``news_only``)
    news_only: GenPub | None = None  # a publication only the news feed shows

    @property
    def loaded(self) -> tuple[GenPub, ...]:
        """Every publication the store must hold."""
        return self.pubs + ((self.news_only,) if self.news_only else ())


def _findings(draw: st.DrawFn, family: str, n: int, who: str) -> tuple[Finding, ...]:
    kinds = {"peel": KINDS[1:], "frs21": KINDS[1:2], "frs23": KINDS[1:2],
             "letter": KINDS[::2]}.get(family, KINDS)
    picked = draw(st.lists(st.sampled_from(kinds), max_size=3))
    out = []
    for i, kind in enumerate(picked):
        doing = _DOINGS[(n * 3 + i) % len(_DOINGS)]
        if kind == "recommendation":
            out.append(Finding(kind, f"By 31 March 2026, {who} should {doing} ({n}.{i})."))
        elif kind == "area_for_improvement":
            out.append(Finding(kind, f"The {'service' if family.startswith('frs') else 'force'}"
                                     f" should improve how it does this: {doing} ({n}.{i})."))
        else:
            out.append(Finding(kind, f"{who} does not {doing} well enough ({n}.{i})."))
            out.append(Finding("recommendation", f"Within three months, {who} should "
                                                 f"{doing} ({n}.{i}r)."))
    return tuple(out)


@st.composite
def gen_pub(draw: st.DrawFn, n: int, families: tuple[str, ...] = FAMILIES) -> GenPub:
    family = draw(st.sampled_from(families))
    fire = family.startswith("frs")
    count = 1 if family != "landing" else draw(st.integers(1, 3))
    forces = () if fire else tuple(draw(st.lists(st.sampled_from(FORCES), min_size=count,
                                                 max_size=count, unique=True)))
    service = draw(st.sampled_from(SERVICES))
    who = "the service" if fire else forces[0][1]
    day = date(2025, 3, 3) + timedelta(days=draw(st.integers(0, 90)))
    return GenPub(family, n, day, forces, service, draw(st.sampled_from(LABELS)),
                  draw(st.sampled_from(VALUES)), draw(st.integers(0, len(date_forms(day)) - 1)),
                  tuple(draw(st.lists(st.sampled_from(TYPES), min_size=1, max_size=2,
                                      unique=True))),
                  _findings(draw, family, n, who),
                  draw(st.sampled_from(("", "pdf", "html"))) if family == "landing" else "")


@st.composite
def gen_site(draw: st.DrawFn) -> GenSite:
    count = draw(st.integers(2, 6))
    pubs = tuple(draw(gen_pub(n)) for n in range(count))
    # one FRS assessment page per service and family (the others' ids carry their number)
    pubs = tuple({p.pid: p for p in reversed(pubs)}[pid] for pid in dict.fromkeys(
        p.pid for p in pubs))
    news_only = draw(st.none() | gen_pub(count, ("peel", "frs23")))
    if news_only is not None and news_only.pid in {p.pid for p in pubs}:
        news_only = None
    return GenSite(pubs, draw(st.integers(2, 4)), draw(st.booleans()), draw(st.booleans()),
                   draw(st.booleans()), draw(st.integers(1, 3)), news_only)
