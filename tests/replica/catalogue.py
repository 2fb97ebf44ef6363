"""The standard replica's publications (23 of them), each a `PubSpec`."""
from __future__ import annotations

from datetime import date

from tests.replica.spec import ASSETS, OLD, PUBLIC, DocSpec, FindingSpec, GradeSpec, PubSpec
from tests.replica.text import REFERENCE_KEY_SENTENCE

REFERENCE_SLUG = "how-effectively-do-the-police-record-crime"
REFERENCE_TITLE = "How effectively do the police record crime?"
REFERENCE_RECOMMENDATIONS = (
    "Forces need to improve their recording of all violent crime, in particular conduct "
    "crimes such as harassment, stalking and controlling or coercive behaviour, and less "
    "serious assaults.",
    "Forces should make sure they quickly and correctly record crimes related to domestic "
    "abuse.",
    "Forces need to make sure all officers and staff involved in crime recording are "
    "appropriately trained and understand their role in recording crime. They should also "
    "make sure there is effective oversight and scrutiny of crime-recording decisions and "
    "accuracy.",
)
PRIVATE_DRAFT_SLUG = "private-draft"

PEEL_2023_AREAS = (
    "Recording data about crime",
    "Police powers and public treatment",
    "Preventing and deterring crime and antisocial behaviour, and reducing vulnerability",
    "Responding to the public",
    "Investigating crime",
    "Protecting vulnerable people",
    "Managing offenders and suspects",
    "Building, supporting and protecting the workforce",
    "Leadership and force management",
)
PEEL_2021_AREAS = (
    "Recording data about crime",
    "Treatment of the public",
    "Preventing crime and anti-social behaviour",
    "Responding to the public",
    "Investigating crime",
    "Protecting vulnerable people",
    "Managing offenders and suspects",
    "Disrupting serious organised crime",
    "Developing a positive workplace",
    "Good use of resources",
)
PEEL_2016_PILLARS = ("Effectiveness", "Efficiency", "Legitimacy")
FRS_QUESTIONS = (
    "Understanding fire and risk",
    "Preventing fire and risk",
    "Protecting the public through fire regulation",
    "Responding to fires and emergencies",
    "Responding to major and multi-agency incidents",
    "Making best use of resources",
    "Future affordability",
    "Promoting values and culture",
    "Getting the right people with the right skills",
    "Ensuring fairness and diversity",
    "Managing performance and developing leaders",
)

R = "recommendation"
A = "area_for_improvement"
C = "cause_of_concern"
ALL = "All local forces in England and Wales"


def _grades(areas: tuple[str, ...], words: str, force: str | None, cycle: str,
            service: str | None = None) -> tuple[GradeSpec, ...]:
    grades = [w.strip().replace("-", " ") for w in words.split(",")]
    assert len(grades) == len(areas)
    return tuple(GradeSpec(a, g, force, cycle, service) for a, g in zip(areas, grades))


def _html(path: str, label: str, style: str, href: str | None = None,
          published_on: date | None = None, role: str = "report",
          features: frozenset[str] = frozenset()) -> DocSpec:
    return DocSpec(path=path, href=href or path, kind="html", label=f"{label} (HTML)",
                   role=role, style=style, published_on=published_on, features=features)


def _pdf(path: str, label: str, style: str, href: str | None = None, cover: str | None = None,
         features: tuple[str, ...] = (), footer: str = "Page {n}", language: str = "en",
         role: str = "report", corrupt: bool = False) -> DocSpec:
    text = ("Os hoffech chi ddarllen hwn trwy'r Gymraeg (PDF document)" if language == "cy"
            else f"{label} (PDF document)")
    return DocSpec(path=path, href=href or path, kind="pdf", label=text, role=role,
                   language=language, style=style, features=frozenset(features),
                   cover_date=cover, footer=footer, corrupt=corrupt)


def _reference() -> PubSpec:
    t = REFERENCE_TITLE
    return PubSpec(
        slug=REFERENCE_SLUG, title=t, published_on=date(2025, 8, 28),
        listing_date=date(2025, 8, 28),
        types=("Crime recording", "Data", "Data quality", "Spotlight"),
        forces_text=ALL, all_forces=True, landing_style="dl",
        docs=(
            _html("/publication-html/how-effectively-do-the-police-record-crime-2021-25/", t,
                  "ol", href=PUBLIC + "/publication-html/how-effectively-do-the-police-"
                  "record-crime-2021-25/", published_on=date(2025, 9, 4),
                  features=frozenset({"key_findings"})),
            _pdf("/uploads/crime-recording-2021-25-how-effectively-do-the-police-record-"
                 "crime.pdf", t, "numbered",
                 href=ASSETS + "/uploads/crime-recording-2021-25-how-effectively-do-the-"
                 "police-record-crime.pdf", cover="August 2025",
                 features=("contents", "summary_repeat", "split_rec", "ligatures",
                           "hyphenate", "key_findings")),
        ),
        findings=tuple(FindingSpec(R, str(i), text, addressee="Chief constables")
                       for i, text in enumerate(REFERENCE_RECOMMENDATIONS, start=1)),
        summary="This report sets out how well police forces in England and Wales record "
                "crime, drawing on our crime data integrity audits from 2021 to 2025.",
        key_findings=REFERENCE_KEY_SENTENCE,
        extra={"updated": "2 September 2025", "meta_time": "2025-08-27T23:00:00+00:00"},
    )


def _norfolk_custody() -> PubSpec:
    t = "Report on an unannounced inspection visit to police custody suites in Norfolk"
    return PubSpec(
        slug="norfolk-police-custody-inspection", title=t, published_on=date(2025, 7, 15),
        listing_date=date(2025, 7, 15), types=("Custody",), forces_text="Norfolk",
        forces=("norfolk",), landing_style="strong", type_links=False,
        docs=(
            _html("/publication-html/unannounced-inspection-of-police-custody-suites-in-"
                  "norfolk/", t, "concerns", published_on=date(2025, 7, 15)),
            _pdf("/uploads/Norfolk-custody-report-web-2025.pdf", t, "concerns",
                 cover="15 July 2025", features=("two_column", "hyphenate"), footer="{n}"),
        ),
        findings=(
            FindingSpec(C, "1", "Detainees were not always told about their rights and "
                        "entitlements in a way they could understand, and the force could not "
                        "show that interpreters were used when they were needed."),
            FindingSpec(R, "1", "The chief constable should make sure that all detainees are "
                        "told about their rights and entitlements in a way they understand, "
                        "and that professional interpreters are used whenever they are "
                        "needed.", follows="1"),
            FindingSpec(R, "2", "The force should make sure that custody records accurately "
                        "show when detainees have received information about their rights, "
                        "and that this is checked by custody sergeants.", follows="1"),
            FindingSpec(C, "2", "Some detainees who were at risk of self-harm were not "
                        "observed as often as their risk assessments required."),
            FindingSpec(R, "3", "The force should make sure that detainees are observed at "
                        "the frequency set out in their risk assessment, and that supervisors "
                        "check that this happens.", follows="2"),
            FindingSpec(A, "1", "The force should improve the recording of the reasons for "
                        "using force on detainees in custody.", numbered=False),
            FindingSpec(A, "2", "The force should make sure that detainees\u2019 cells are "
                        "clean and free of graffiti and ligature points.", numbered=False),
            FindingSpec(A, "3", "The force should improve how it collects and uses data on "
                        "the release of vulnerable detainees, so that it can show they are "
                        "released safely.", numbered=False),
        ),
        summary="We inspected police custody suites in Norfolk jointly with HM Inspectorate "
                "of Prisons.",
    )


def _gotham() -> PubSpec:
    t = "An inspection of Gotham City Police\u2019s response to organised crime"
    return PubSpec(
        slug="inspection-of-gotham-city-police", title=t, published_on=date(2025, 7, 2),
        listing_date=date(2025, 7, 2), types=("Serious and organised crime",),
        forces_text="Gotham City Police", landing_style="strong",
        docs=(_pdf("/uploads/gotham-city-police-report.pdf", t, "plain", cover="July 2025"),),
        quarantine="unknown force",
        summary="This report sets out our findings on how the force tackles organised crime.",
    )


def _btp() -> PubSpec:
    t = ("An inspection of British Transport Police\u2019s response to violence against "
         "women and girls on the railway")
    path = "/publication-html/british-transport-police-vawg-inspection/"
    return PubSpec(
        slug="btp-response-to-vawg-on-the-railway", title=t, published_on=date(2025, 5, 22),
        listing_date=date(2025, 5, 22), types=("Violence against women and girls",),
        forces_text="British Transport Police", other_bodies=("british-transport-police",),
        landing_style="li",
        docs=(_html(path, t, "ol", href=PUBLIC + path, published_on=date(2025, 5, 22)),),
        findings=(
            FindingSpec(R, "1", "By 30 November 2025, British Transport Police should make "
                        "sure that reports of sexual harassment on trains are recorded as "
                        "crimes whenever the crime-recording rules require it.",
                        due_by=date(2025, 11, 30)),
            FindingSpec(R, "2", "The British Transport Police Authority should review how it "
                        "holds the force to account for its work on violence against women "
                        "and girls."),
        ),
        summary="We inspected how well British Transport Police protects women and girls who "
                "travel by train.",
    )


def _annual_plan() -> PubSpec:
    t = "HMICFRS annual plan 2025\u201326"
    return PubSpec(
        slug="hmicfrs-annual-plan-2025-26", title=t, published_on=date(2025, 4, 1),
        listing_date=date(2025, 4, 1), types=("Corporate documents",), landing_style="li",
        is_police=False, type_links=False,
        docs=(_pdf("/uploads/HMICFRS-Annual-Plan-2025_26.pdf", t, "plain",
                   cover="April 2025"),),
        summary="Our annual plan sets out the inspections we intend to carry out across all "
                "43 police forces and 44 fire and rescue services in 2025\u201326.",
    )


def _south_west() -> PubSpec:
    t = "An inspection of the South West regional organised crime unit"
    path = "/publication-html/inspection-south-west-rocu/"
    return PubSpec(
        slug="south-west-regional-organised-crime-unit", title=t,
        published_on=date(2025, 3, 12), listing_date=date(2025, 3, 12),
        types=("Serious and organised crime", "Regional organised crime units"),
        forces_text="Devon & Cornwall, Dorset Police and Avon and Somerset Constabulary",
        forces=("devon-and-cornwall", "dorset", "avon-and-somerset"), landing_style="dl",
        docs=(_html(path, t, "headed", href=PUBLIC + path, published_on=date(2025, 3, 12),
                    features=frozenset({"afi_ol"})),),
        findings=(
            FindingSpec(R, "1", "By 30 September 2025, the chief constable of Dorset Police "
                        "should make sure that the force\u2019s intelligence about organised "
                        "crime groups is shared with the regional unit every day.",
                        force="dorset", due_by=date(2025, 9, 30)),
            FindingSpec(R, "2", "Devon and Cornwall Police should review how it allocates "
                        "investigations into serious organised crime, so that each case is "
                        "led by a trained investigator.", force="devon-and-cornwall"),
            FindingSpec(R, "3", "By 31 March 2026, chief constables should agree a single "
                        "performance framework for the regional organised crime unit and "
                        "publish it.", due_by=date(2026, 3, 31)),
            FindingSpec(A, "1", "Avon and Somerset Constabulary should improve how it "
                        "records disruptions of organised crime groups.",
                        force="avon-and-somerset"),
            FindingSpec(A, "2", "The forces should make better use of ancillary orders, such "
                        "as serious crime prevention orders."),
        ),
        summary="We inspected how well the forces of the South West region work together to "
                "tackle serious and organised crime.",
    )


def _cleveland() -> PubSpec:
    t = "Cleveland Police: An inspection of the force\u2019s progress on vetting"
    return PubSpec(
        slug="cleveland-police-vetting-progress", title=t, published_on=date(2025, 2, 20),
        listing_date=date(2025, 2, 20), types=("Vetting",), forces_text="Cleveland Police",
        forces=("cleveland",), landing_style="dl",
        docs=(_pdf("/uploads/Cleveland-vetting-progress-Feb25.pdf", t, "corrupt",
                   corrupt=True),),
        summary="We revisited Cleveland Police to check its progress on vetting.",
    )


def _fire() -> PubSpec:
    t = "Essex County Fire and Rescue Service: Effectiveness, efficiency and people 2023\u201325"
    service = "Essex County Fire and Rescue Service"
    return PubSpec(
        slug="essex-county-fire-and-rescue-service-2023-25", title=t,
        published_on=date(2025, 1, 30), listing_date=date(2025, 1, 30),
        types=("Fire & rescue services",), fire_text=service, fire_services=(service,),
        landing_style="div", is_police=False,
        docs=(_html("/frs-assessment/frs-2023-25/essex/", t, "frs", role="frs_report",
                    published_on=date(2025, 1, 30)),),
        findings=(FindingSpec(A, "1", "The service should make sure it has an effective "
                              "system for learning from operational incidents.",
                              numbered=False),),
        grades=_grades(FRS_QUESTIONS, "good, adequate, requires-improvement, good, good, "
                       "adequate, adequate, requires-improvement, adequate, inadequate, "
                       "requires-improvement", None, "2023-25", service),
        summary="This is our third inspection of Essex County Fire and Rescue Service.",
    )


def _consultation() -> PubSpec:
    t = "Consultation on the fire and rescue inspection programme and framework 2025\u201327"
    return PubSpec(
        slug="consultation-fire-and-rescue-inspection-programme-and-framework-2025-27",
        title=t, published_on=date(2025, 1, 16), listing_date=date(2025, 1, 16),
        types=("Consultations", "Fire & rescue services"), landing_style="strong",
        is_police=False,
        docs=(_pdf("/uploads/consultation-frs-inspection-programme-framework-2025-27.pdf", t,
                   "plain", cover="16 January 2025"),),
        summary="We are consulting on our proposed programme for inspecting fire and rescue "
                "services. The consultation closes on 27 February 2025.",
    )


def _no_date() -> PubSpec:
    t = "Police vetting: progress update on our 2022 recommendations"
    return PubSpec(
        slug="police-vetting-progress-update", title=t, published_on=None,
        listing_date=date(2024, 12, 10), types=("Vetting", "Progress updates"),
        forces_text=ALL, all_forces=True, landing_style="dl", quarantine="no date",
        docs=(_pdf("/uploads/vetting-progress-update.pdf", t, "plain"),),
        summary="This update sets out the progress forces have made since our 2022 "
                "inspection of vetting, misconduct and misogyny.",
    )


def _peel_essex_2023() -> PubSpec:
    t = ("PEEL 2023\u201325 Police effectiveness, efficiency and legitimacy: An inspection "
         "of Essex Police")
    return PubSpec(
        slug="peel-2023-25-essex", title=t, published_on=date(2024, 11, 14),
        listing_date=date(2024, 11, 14), types=("PEEL",), forces_text="Essex",
        forces=("essex",), landing_style="strong",
        docs=(
            _html("/peel-reports/essex-2023-25/", t, "table", role="peel_report",
                  published_on=date(2024, 11, 14)),
            _pdf("/uploads/peel-assessment-2023-25-essex.pdf", t, "grade_table",
                 href=ASSETS + "/uploads/peel-assessment-2023-25-essex.pdf",
                 cover="November 2024", features=("restate",), role="peel_report"),
        ),
        findings=(
            FindingSpec(A, "1", "The force needs to answer emergency and non-emergency calls "
                        "more quickly.", numbered=False),
            FindingSpec(A, "2", "The force should improve how it supervises investigations, "
                        "so that they are thorough and timely.", numbered=False),
        ),
        grades=_grades(PEEL_2023_AREAS, "good, adequate, good, requires-improvement, "
                       "adequate, adequate, good, adequate, good", "essex", "2023-25"),
        summary="Our PEEL inspection assessed how good Essex Police is in nine areas of "
                "policing.",
        extra={"afi_areas": "Responding to the public|Investigating crime"},
    )


def _cumbria() -> PubSpec:
    t = "Joint inspection of the police and CPS response to rape in Cumbria"
    return PubSpec(
        slug="joint-inspection-rape-cumbria", title=t, published_on=date(2024, 10, 10),
        listing_date=date(2024, 10, 10), types=("Joint inspections", "Rape"),
        forces_text="Cumbria Constabulary", forces=("cumbria",), landing_style="table",
        needs_review=True,
        docs=(_html("/publication-html/joint-inspection-police-cps-response-to-rape-"
                    "cumbria/", t, "headed", published_on=date(2024, 10, 10)),),
        findings=(
            FindingSpec(R, "1", "By 31 March 2025, Cumbria Constabulary and CPS North West "
                        "should agree a joint plan to improve the quality of the first "
                        "account taken from victims of rape.", force="cumbria",
                        due_by=date(2025, 3, 31)),
            FindingSpec(R, "2", "The Chief Crown Prosecutor for CPS North West should make "
                        "sure that early advice is given in all rape cases where the police "
                        "request it."),
        ),
        summary="This joint inspection with HM Crown Prosecution Service Inspectorate "
                "examined the response to rape in Cumbria.",
    )


def _nca() -> PubSpec:
    t = "An inspection of the National Crime Agency\u2019s management of covert intelligence"
    return PubSpec(
        slug="inspection-of-nca-covert-intelligence", title=t,
        published_on=date(2024, 10, 9), listing_date=date(2024, 10, 9),
        types=("National Crime Agency",), forces_text="National Crime Agency",
        other_bodies=("national-crime-agency",), landing_style="strong",
        docs=(_pdf("/uploads/NCA-covert-intelligence-inspection.pdf", t, "numbered",
                   href=ASSETS + "/uploads/NCA-covert-intelligence-inspection.pdf",
                   cover="Published: 9 October 2024", features=("hyphenate",)),),
        findings=(
            FindingSpec(R, "1", "By 31 March 2025, the National Crime Agency should introduce "
                        "a single system for recording the authorisation of covert human "
                        "intelligence sources.", due_by=date(2025, 3, 31)),
            FindingSpec(R, "2", "The Director General should make sure that the agency\u2019s "
                        "covert intelligence work is reviewed each year by a senior officer "
                        "who is independent of the operation."),
        ),
        summary="We inspected how the National Crime Agency manages covert intelligence.",
    )


def _peel_norfolk() -> PubSpec:
    t = ("PEEL 2023\u201325 Police effectiveness, efficiency and legitimacy: An inspection "
         "of Norfolk Constabulary")
    return PubSpec(
        slug="peel-2023-25-norfolk", title=t, published_on=date(2024, 9, 5),
        listing_date=date(2024, 9, 5), types=("PEEL",), forces_text="Norfolk Constabulary",
        forces=("norfolk",), landing_style="table",
        docs=(
            _html("/peel-reports/norfolk-2023-25/", t, "dl", role="peel_report",
                  published_on=date(2024, 9, 5)),
            _pdf("/uploads/peel-assessment-2023-25-norfolk.pdf", t, "grade_table",
                 cover="5 September 2024", features=("table_split",), footer="{n}",
                 role="peel_report"),
        ),
        findings=(FindingSpec(A, "1", "The force should make sure that its use of stop and "
                              "search is fair and that officers record the grounds for every "
                              "search.", numbered=False),),
        grades=_grades(PEEL_2023_AREAS, "outstanding, good, outstanding, good, good, good, "
                       "adequate, good, outstanding", "norfolk", "2023-25"),
        summary="Our PEEL inspection assessed how good Norfolk Constabulary is in nine areas "
                "of policing.",
        extra={"afi_areas": "Police powers and public treatment"},
    )


def _sy_after() -> PubSpec:
    t = "South Yorkshire Police: Revisit of the response to domestic abuse"
    return PubSpec(
        slug="south-yorkshire-domestic-abuse-revisit", title=t, published_on=date(2024, 6, 6),
        listing_date=date(2024, 6, 6), types=("Domestic abuse", "Revisits"),
        forces_text="South Yorkshire", forces=("south-yorkshire",), landing_style="table",
        type_links=False,
        docs=(_pdf("/uploads/SYP-DA-revisit-June-2024.pdf", t, "headed", cover="June 2024",
                   footer="Page {n} of {total}"),),
        findings=(
            FindingSpec(R, "1", "South Yorkshire Police should make sure that all domestic "
                        "abuse risk assessments are reviewed by a supervisor within 24 "
                        "hours.", force="south-yorkshire"),
            FindingSpec(A, "1", "The force should improve how it uses Clare\u2019s Law to "
                        "protect people at risk of domestic abuse."),
            FindingSpec(A, "2", "The force should make sure that victims are kept informed "
                        "about the progress of their cases."),
        ),
        summary="We revisited South Yorkshire Police to see how it had responded to our "
                "2023 findings on domestic abuse.",
    )


def _sy_before() -> PubSpec:
    t = "National child protection inspection: South Yorkshire Police"
    return PubSpec(
        slug="national-child-protection-inspection-south-yorkshire", title=t,
        published_on=date(2024, 4, 18), listing_date=date(2024, 4, 18),
        types=("Child protection", "National child protection inspections"),
        forces_text="South Yorkshire Police", forces=("south-yorkshire",),
        landing_style="div",
        docs=(_html("/publication-html/national-child-protection-inspection-south-yorkshire-"
                    "police/", t, "headed", published_on=date(2024, 4, 18)),),
        findings=(
            FindingSpec(R, "1", "By 31 October 2024, South Yorkshire Police should make sure "
                        "that officers and staff who attend incidents involving children "
                        "record the child\u2019s views and the risks to them, and share this "
                        "information with partner agencies without delay.",
                        force="south-yorkshire", due_by=date(2024, 10, 31)),
            FindingSpec(R, "2", "Within six months, the force should review how it "
                        "identifies and responds to children who go missing from home "
                        "repeatedly, and make sure that each return home interview is "
                        "completed."),
            FindingSpec(A, "1", "The force should improve the quality of supervision of "
                        "child protection investigations."),
        ),
        summary="This report sets out our findings on how well South Yorkshire Police "
                "protects children.",
    )


def _peel_essex_2021() -> PubSpec:
    t = ("PEEL 2021/22 Police effectiveness, efficiency and legitimacy: An inspection of "
         "Essex Police")
    return PubSpec(
        slug="peel-2021-22-essex", title=t, published_on=date(2022, 4, 14),
        listing_date=date(2022, 4, 14), types=("PEEL",), forces_text="Essex Police",
        forces=("essex",), landing_style="div",
        docs=(
            _html("/peel-reports/essex-2021-22/", t, "list", role="peel_report",
                  href=PUBLIC + "/peel-reports/essex-2021-22/",
                  published_on=date(2022, 4, 14)),
            _pdf("/uploads/peel-assessment-2021-22-essex.pdf", t, "grade_sentences",
                 cover="April 2022", role="peel_report"),
        ),
        grades=_grades(PEEL_2021_AREAS, "good, adequate, good, adequate, adequate, "
                       "requires-improvement, good, good, adequate, good", "essex",
                       "2021-22"),
        summary="Our PEEL inspection assessed how good Essex Police is in ten areas of "
                "policing.",
    )


def _staffordshire() -> PubSpec:
    t = "Staffordshire Police: An inspection of the force\u2019s use of stop and search"
    return PubSpec(
        slug="staffordshire-stop-and-search", title=t, published_on=date(2019, 6, 3),
        listing_date=date(2019, 6, 3), types=("Stop and search",),
        forces_text="Staffordshire", forces=("staffordshire",), landing_style="div",
        date_label="Published:", date_form="ordinal", forces_label="Police force:",
        docs=(_html("/publication-html/staffordshire-police-stop-and-search/", t, "table",
                    published_on=date(2019, 6, 3)),),
        findings=(
            FindingSpec(R, "1", "Staffordshire Police should make sure that officers record "
                        "the grounds for every stop and search, and that supervisors review "
                        "a sample of these records each month.", force="staffordshire",
                        due_by=date(2019, 12, 31), timescale="By 31 December 2019"),
            FindingSpec(R, "2", "The force should publish data on its use of stop and search, "
                        "including data on the ethnicity of the people searched.",
                        timescale="Within six months"),
        ),
        summary="We inspected how fairly and effectively Staffordshire Police uses stop and "
                "search.",
    )


def _dyfed_powys() -> PubSpec:
    t = ("Dyfed-Powys Police: Stalking and harassment \u2013 an inspection of the "
         "force\u2019s response")
    return PubSpec(
        slug="dyfed-powys-stalking-and-harassment", title=t, published_on=date(2017, 5, 1),
        listing_date=date(2017, 5, 1), types=("Stalking and harassment",),
        forces_text="Dyfed-Powys Police", forces=("dyfed-powys",), landing_style="table",
        title_cy="Heddlu Dyfed-Powys: Stelcio ac aflonyddu \u2013 arolygiad o ymateb yr heddlu",
        docs=(
            _pdf("/uploads/dyfed-powys-stalking-harassment.pdf", t, "numbered",
                 cover="1 May 2017"),
            _pdf("/uploads/dyfed-powys-stalking-harassment-welsh.pdf", t, "welsh",
                 cover="1 Mai 2017", language="cy", role="translation",
                 footer="Tudalen {n}"),
        ),
        findings=(
            FindingSpec(R, "1", "Within three months, Dyfed-Powys Police should make sure "
                        "that all officers can recognise stalking and record it correctly.",
                        force="dyfed-powys",
                        welsh="O fewn tri mis, dylai Heddlu Dyfed-Powys sicrhau bod pob "
                              "swyddog yn gallu adnabod stelcio a\u2019i gofnodi\u2019n "
                              "gywir."),
            FindingSpec(R, "2", "The force should make sure that every victim of stalking is "
                        "offered a risk assessment and referred to specialist support.",
                        welsh="Dylai\u2019r heddlu sicrhau bod pob dioddefwr stelcio yn cael "
                              "cynnig asesiad risg ac yn cael ei gyfeirio at gymorth "
                              "arbenigol."),
        ),
        summary="We inspected how Dyfed-Powys Police responds to stalking and harassment.",
    )


def _kent_2016() -> PubSpec:
    t = "Kent Police: PEEL assessment 2016"
    return PubSpec(
        slug="peel-2016-kent", title=t, published_on=date(2017, 3, 2),
        listing_date=date(2017, 3, 2), types=("PEEL",), forces_text="Kent Police",
        forces=("kent",), landing_style="dl",
        docs=(_html("/peel-reports/kent-2016/", t, "sentences", role="peel_report",
                    published_on=date(2017, 3, 2)),),
        grades=_grades(PEEL_2016_PILLARS, "good, outstanding, requires-improvement", "kent",
                       "2016"),
        summary="Our 2016 PEEL assessment of Kent Police brings together our findings on "
                "effectiveness, efficiency and legitimacy.",
    )


def _gmp_2016() -> PubSpec:
    t = ("Greater Manchester Police: An inspection of the police response to missing and "
         "absent children")
    href = OLD + "/wp-content/uploads/gmp-missing-and-absent-children-2016.pdf"
    return PubSpec(
        slug="greater-manchester-missing-children-2016", title=t,
        published_on=date(2016, 11, 3), listing_date=date(2016, 11, 3),
        types=("Missing people",), forces_text="Greater Manchester Police",
        forces=("greater-manchester",), landing_style="li", date_label="Published:",
        date_form="ordinal",
        docs=(_pdf("/wp-content/uploads/gmp-missing-and-absent-children-2016.pdf", t,
                   "numbered", href=href, cover="November 2016", features=("contents",),
                   footer="{n}"),),
        findings=(
            FindingSpec(R, "1", "Not later than 31 March 2017, Greater Manchester Police "
                        "should review its approach to children who are recorded as absent "
                        "rather than missing, so that risk is assessed properly in every "
                        "case.", force="greater-manchester", due_by=date(2017, 3, 31)),
            FindingSpec(R, "2", "HMIC recommends that within six months the force should make "
                        "sure that every return home interview is carried out and its "
                        "results shared with the officers investigating the case."),
        ),
        summary="HMIC inspected how Greater Manchester Police responds to children who go "
                "missing or are absent.",
    )


def _crime_recording_2014() -> PubSpec:
    t = "Crime-recording: making the victim count"
    href = OLD + "/wp-content/uploads/crime-recording-making-the-victim-count.pdf"
    return PubSpec(
        slug="crime-recording-making-the-victim-count", title=t,
        published_on=date(2014, 11, 18), listing_date=date(2014, 11, 18),
        types=("Crime data integrity",), forces_text=ALL, all_forces=True,
        landing_style="li", type_links=False,
        docs=(_pdf("/wp-content/uploads/crime-recording-making-the-victim-count.pdf", t,
                   "headed", href=href, cover="18 November 2014", features=("ligatures",)),),
        findings=(
            FindingSpec(R, "1", "Not later than 31 March 2015, all forces should make sure "
                        "that crime-recording decisions are made by officers and staff who "
                        "have been trained in the Home Office Counting Rules.",
                        due_by=date(2015, 3, 31)),
            FindingSpec(R, "2", "Immediately, chief constables should make sure that all "
                        "reports of rape are recorded as crimes unless there is verifiable "
                        "information that no crime took place."),
        ),
        summary="The final report of our inspection of crime data integrity in all 43 "
                "police forces in England and Wales.",
    )


def _private_draft() -> PubSpec:
    t = "Draft \u2013 not for publication: Inspection of Kent Police"
    return PubSpec(
        slug=PRIVATE_DRAFT_SLUG, title=t, published_on=date(2025, 10, 1),
        listing_date=date(2025, 10, 1), types=("PEEL",), forces_text="Kent Police",
        forces=("kent",), landing_style="dl", disallowed=True,
        docs=(_pdf("/uploads/private-draft-kent.pdf", t, "plain"),),
        summary="Draft report. Not for publication.",
    )


def standard_publications() -> list[PubSpec]:
    """Every publication of the standard replica, newest first."""
    specs = [_private_draft(), _reference(), _norfolk_custody(), _gotham(), _btp(),
             _annual_plan(), _south_west(), _cleveland(), _fire(), _consultation(),
             _no_date(), _peel_essex_2023(), _cumbria(), _nca(), _peel_norfolk(), _sy_after(),
             _sy_before(), _peel_essex_2021(), _staffordshire(), _dyfed_powys(), _kent_2016(),
             _gmp_2016(), _crime_recording_2014()]
    return sorted(specs, key=lambda s: s.listing_date, reverse=True)
