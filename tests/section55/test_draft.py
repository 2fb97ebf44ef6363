import io
from datetime import date

import docx

from section55.draft import ALL_FORCES_TEXT, DraftInput, draft_markdown, join_types
from section55.draft_docx import draft_docx

TITLE = "How effectively do the police record crime?"
URL = ("https://hmicfrs.justiceinspectorates.gov.uk/publications/"
       "how-effectively-do-the-police-record-crime/")
RECOMMENDATIONS = [
    ("1", "Forces need to improve their recording of all violent crime, in particular "
          "conduct crimes such as harassment, stalking and controlling or coercive "
          "behaviour, and less serious assaults."),
    ("2", "Forces should make sure they quickly and correctly record crimes related to "
          "domestic abuse."),
    ("3", "Forces need to make sure all officers and staff involved in crime recording are "
          "appropriately trained and understand their role in recording crime. They should "
          "also make sure there is effective oversight and scrutiny of crime-recording "
          "decisions and accuracy."),
]
KEY_FINDINGS = """From 2021 to 2025, HMICFRS graded each of the 43 police forces in England
and Wales for crime recording. The Inspectorate found that:

- 9 forces were outstanding (including Norfolk Constabulary).
- 16 forces were good.

Overall, HMICFRS have seen marked improvements in the way forces record crime."""

# The seed response's headings, in order (Markdown level, text), with the
# per-recommendation headings the skeleton adds to the PCC section.
EXPECTED_HEADINGS = [
    (2, "Norfolk's Police and Crime Commissioner (PCC) response to inspections published "
        "by His Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)"),
    (3, "Inspection Title:"), (3, "Published on:"), (3, "Publication Types:"),
    (3, "Police Forces:"), (3, "Link to Report:"), (3, "Section 55 Response Deadline:"),
    (2, "Key Findings"), (3, "Recommendations"), (4, "Recommendation 1:"),
    (4, "Recommendation 2:"), (4, "Recommendation 3:"), (3, "Areas For Improvement"),
    (2, "Chief Constable response to report and any Recommendations/Areas For Improvement"),
    (3, "Recommendation 1:"), (3, "Recommendation 2:"), (3, "Recommendation 3:"),
    (2, "PCC response to report and any Recommendations/Areas For Improvement"),
    (3, "Recommendation 1:"), (3, "Recommendation 2:"), (3, "Recommendation 3:"),
    (3, "For Office Use Only:"),
]


def norfolk(**changes) -> DraftInput:
    values = dict(
        title=TITLE, published_on=date(2025, 8, 28),
        publication_types=["Crime recording", "Data", "Data quality", "Spotlight"],
        forces_text=ALL_FORCES_TEXT, report_url=URL, practice_deadline=date(2025, 10, 23),
        body_name="Police and Crime Commissioner for Norfolk",
        force_name="Norfolk Constabulary", key_findings=KEY_FINDINGS,
        recommendations=RECOMMENDATIONS, areas_for_improvement=[], causes_of_concern=[])
    values.update(changes)
    return DraftInput(**values)


def md_headings(text: str) -> list[tuple[int, str]]:
    out = []
    for line in text.splitlines():
        if line.startswith("#"):
            hashes, _, rest = line.partition(" ")
            out.append((len(hashes), rest.strip("*")))
    return out


def value_after(text: str, heading: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[lines.index(f"### **{heading}**") + 1]


def test_markdown_headings_follow_the_seed_in_order():
    assert md_headings(draft_markdown(norfolk())) == EXPECTED_HEADINGS


def test_markdown_header_facts_are_exactly_the_reference_ones():
    text = draft_markdown(norfolk())
    assert value_after(text, "Inspection Title:") == TITLE
    assert value_after(text, "Published on:") == "28 August 2025"
    assert value_after(text, "Publication Types:") == (
        "Crime recording, Data, Data quality and Spotlight")
    assert value_after(text, "Police Forces:") == "All local forces in England and Wales"
    assert value_after(text, "Link to Report:") == (
        f"[{TITLE} - His Majesty's Inspectorate of Constabulary and Fire & Rescue "
        f"Services]({URL})")
    assert value_after(text, "Section 55 Response Deadline:") == "23 October 2025"
    assert "Section 55 of the Police Act 1996 (as amended by section 37" in text


def test_markdown_findings_and_sections():
    text = draft_markdown(norfolk())
    assert "Three recommendations are made within the report" in text
    for _, rec in RECOMMENDATIONS:
        assert text.count(rec) == 3          # as printed, and quoted in both responses
        assert f'"{rec}"' in text
    assert "There were no areas for improvement." in text
    assert "- 9 forces were outstanding (including Norfolk Constabulary)." in text
    assert "graded each of the 43 police forces in England and Wales" in text
    assert text.rstrip().endswith("- Response published on the OPCC website.")
    assert "- Response forwarded to the Norfolk Police and Crime Panel." in text


def test_markdown_without_summary_asks_the_office_to_summarise():
    text = draft_markdown(norfolk(key_findings=None))
    assert "[Summarise the key findings" in text


def test_markdown_with_afis_causes_and_no_time_limit():
    text = draft_markdown(norfolk(
        published_on=date(2016, 6, 1), practice_deadline=None, recommendations=[],
        areas_for_improvement=[("1", "The force should improve its custody records.")],
        causes_of_concern=[("1", "The force does not safeguard children well.")]))
    assert value_after(text, "Section 55 Response Deadline:") == (
        "No statutory time limit (published before 2 May 2017)")
    assert "There were no recommendations." in text
    assert "There were no areas for improvement." not in text
    assert "#### **Area for improvement 1:**" in text
    assert "### **Causes Of Concern**" in text
    assert '"The force should improve its custody records."' in text


def test_body_type_names_the_title_and_response_section():
    essex = draft_markdown(norfolk(body_name="Police, Fire and Crime Commissioner for Essex",
                                   force_name="Essex Police"))
    assert essex.startswith("## **Essex's Police, Fire and Crime Commissioner (PFCC) response")
    assert "## **PFCC response to report" in essex
    mayor = draft_markdown(norfolk(body_name="Mayor of South Yorkshire",
                                   force_name="South Yorkshire Police"))
    assert mayor.startswith("## **Mayor of South Yorkshire's response to inspections")
    assert "## **Mayor response to report" in mayor


def test_join_types():
    assert join_types(["A"]) == "A"
    assert join_types(["A", "B"]) == "A and B"
    assert join_types([]) == ""


def test_docx_opens_and_carries_the_same_headings_and_texts():
    document = docx.Document(io.BytesIO(draft_docx(norfolk())))
    headings = [(int(p.style.name.split()[-1]) + 1, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    assert headings == EXPECTED_HEADINGS
    texts = [p.text for p in document.paragraphs]
    for value in (TITLE, "28 August 2025", "Crime recording, Data, Data quality and Spotlight",
                  ALL_FORCES_TEXT, "23 October 2025", "There were no areas for improvement.",
                  "9 forces were outstanding (including Norfolk Constabulary)."):
        assert value in texts
    for _, rec in RECOMMENDATIONS:
        assert rec in texts and f'"{rec}"' in texts
    links = [h for p in document.paragraphs for h in p.hyperlinks]
    assert [h.address for h in links] == [URL]
    assert links[0].text.startswith(TITLE + " - His Majesty's Inspectorate")
