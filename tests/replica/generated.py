"""Generated publications (single-force inspections) for benchmarks and bigger sites."""
from __future__ import annotations

from datetime import date, timedelta

from reference.forces import forces
from tests.replica.chrome import long_date
from tests.replica.spec import DocSpec, FindingSpec, PubSpec

TOPICS = (
    ("custody", "Custody", "Report on an inspection of police custody",
     "make sure that every detainee is told about their rights and entitlements"),
    ("vetting", "Vetting", "An inspection of vetting and counter-corruption",
     "make sure that all officers and staff hold the right level of vetting"),
    ("crime-data-integrity", "Crime recording", "Crime data integrity inspection",
     "record all reported crimes within 24 hours of the report"),
    ("domestic-abuse", "Domestic abuse", "An inspection of the response to domestic abuse",
     "review every domestic abuse risk assessment within 24 hours"),
    ("child-protection", "Child protection", "National child protection inspection",
     "record the views of every child at incidents it attends"),
    ("stop-and-search", "Stop and search", "An inspection of the use of stop and search",
     "record the grounds for every stop and search"),
)
LANDING_STYLES = ("dl", "strong", "div", "table", "li")
HTML_STYLES = ("ol", "headed", "table")


def _six_months_on(day: date) -> date:
    """The last day of the sixth month after ``day``'s month."""
    index = day.month - 1 + 7
    return date(day.year + index // 12, index % 12 + 1, 1) - timedelta(days=1)


def generated_spec(i: int, start: date) -> PubSpec:
    """Generated publication number ``i`` (0-based), published ``i`` days before ``start``."""
    force_ids = sorted(forces())
    force = forces()[force_ids[i % len(force_ids)]]
    topic_slug, topic_type, topic_title, action = TOPICS[(i // len(force_ids)) % len(TOPICS)]
    published = start - timedelta(days=i)
    due = _six_months_on(published)
    slug = f"{topic_slug}-{force.force_id}-{i + 1:05d}"
    title = f"{force.name}: {topic_title}"
    findings = (
        FindingSpec("recommendation", "1",
                    f"By {long_date(due)}, {force.name} should {action}.",
                    force=force.force_id, due_by=due, timescale=f"By {long_date(due)}"),
        FindingSpec("recommendation", "2",
                    "Within six months, the force should review how supervisors check the "
                    f"quality of this work (inspection {i + 1}).",
                    timescale="Within six months"),
    )
    docs = [DocSpec(path=f"/uploads/{slug}.pdf", href=f"/uploads/{slug}.pdf", kind="pdf",
                    label=f"{title} (PDF document)", style="tiny")]
    if i % 3 == 0:
        path = f"/publication-html/{slug}/"
        docs.insert(0, DocSpec(path=path, href=path, kind="html", label=f"{title} (HTML)",
                               style=HTML_STYLES[(i // 3) % len(HTML_STYLES)],
                               published_on=published))
    return PubSpec(
        slug=slug, title=title, published_on=published, listing_date=published,
        types=(topic_type,), forces_text=force.name, forces=(force.force_id,),
        landing_style=LANDING_STYLES[i % len(LANDING_STYLES)], docs=tuple(docs),
        findings=findings, summary=f"{topic_title}: {force.name}.", generated=True,
    )


def generated_specs(n: int, start: date = date(2025, 6, 30)) -> list[PubSpec]:
    """``n`` generated publications, newest first, one day apart."""
    return [generated_spec(i, start) for i in range(n)]
