"""The shared findings logic: labels, sections, dedupe, due dates, addressees, forces."""
from __future__ import annotations

from datetime import date

import pytest

from extractors.findings.labels import TextBlock, parse_label
from extractors.findings.fields import addressee_of, due_date_of, force_of
from extractors.findings.blocks import findings_from_blocks
from extractors.findings.tables import table_blocks


def h(text: str, level: int = 2, page: int | None = None) -> TextBlock:
    return TextBlock("heading", text, level, page=page)


def p(text: str, page: int | None = None) -> TextBlock:
    return TextBlock("paragraph", text, page=page)


def li(text: str, marker: str | None = None, depth: int = 0, page: int | None = None) -> TextBlock:
    return TextBlock("item", text, depth, marker, page)


@pytest.mark.parametrize(("text", "expected"), [
    ("By 31 March 2026, chief constables should make sure...", date(2026, 3, 31)),
    ("Not later than 31 March 2015, forces should...", date(2015, 3, 31)),
    ("No later than 1st October 2024 the force should", date(2024, 10, 1)),
    ("By the end of June 2025, the Home Office should", date(2025, 6, 30)),
    ("Within six months, the force should...", None),
    ("By March 2026, the force should...", None),
    ("The force should improve how it records crime.", None),
])
def test_due_date_of(text: str, expected: date | None) -> None:
    assert due_date_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("By 31 March 2026, chief constables should make sure", "chief constables"),
    ("The College of Policing should review its guidance", "College of Policing"),
    ("The National Police Chiefs\u2019 Council should agree", "NPCC"),
    ("Not later than 31 March 2015, the NPCC lead for crime data should", "NPCC"),
    ("The Home Office should amend the counting rules", "Home Office"),
    ("The Home Office and the College of Policing should", "Home Office; College of Policing"),
    ("HMICFRS recommends that the force should review", "the force"),
    ("Within six months, the force should", "the force"),
    ("Forces need to improve their recording of all violent crime", "forces"),
    ("Essex Police should improve how it supervises calls", "Essex Police"),
    ("Victims deserve better.", None),
])
def test_addressee_of(text: str, expected: str | None) -> None:
    assert addressee_of(text) == expected


def test_force_of_only_when_a_named_force_is_the_subject() -> None:
    assert force_of("Essex Police should improve how it supervises calls.") == "essex"
    assert force_of("The chief constable of Kent Police should review it.") == "kent"
    assert force_of("By 1 May 2024, Devon & Cornwall Police should act.") == "devon-and-cornwall"
    assert force_of("Forces such as Essex Police should learn from this.") is None
    assert force_of("The force should work with Essex Police.") is None


@pytest.mark.parametrize(("text", "kind", "section", "ref", "rest"), [
    ("Recommendations", "recommendation", True, None, ""),
    ("Our recommendations", "recommendation", True, None, ""),
    ("Recommendation 1", "recommendation", False, "1", ""),
    ("Recommendation 2.3:", "recommendation", False, "2.3", ""),
    ("Area for improvement 3", "area_for_improvement", False, "3", ""),
    ("Areas for improvement", "area_for_improvement", True, None, ""),
    ("Cause of concern", "cause_of_concern", False, None, ""),
    ("Causes of concern", "cause_of_concern", True, None, ""),
    ("Area for improvement: The force should do X.", "area_for_improvement", False, None,
     "The force should do X."),
    ("Recommendation A \u2013 Forces should do Y.", "recommendation", False, "A",
     "Forces should do Y."),
    ("Recommendations for Essex Police", "recommendation", True, None, ""),
])
def test_parse_label(text: str, kind: str, section: bool, ref: str | None, rest: str) -> None:
    label = parse_label(text)
    assert label is not None
    assert (label.kind, label.section, label.ref, label.rest) == (kind, section, ref, rest)


@pytest.mark.parametrize("text", [
    "Recommendations 12", "Recommendations are made to chief constables in chapter 3.",
    "Recommended practice", "The recommendation was accepted.", "Introduction"])
def test_parse_label_rejects_prose_and_contents_lines(text: str) -> None:
    assert parse_label(text) is None


def test_numbered_list_under_a_recommendations_heading() -> None:
    found, problems = findings_from_blocks([
        h("Recommendations"), p("We make two recommendations:"),
        li("Forces should do A.", "1"), li("Forces should do B.", "2"),
        h("Introduction"), p("Forces should not be read from here.")])
    assert [(f.ref, f.text) for f in found] == [("1", "Forces should do A."),
                                                ("2", "Forces should do B.")]
    assert problems == []


def test_label_headings_take_the_next_paragraph_and_stop_at_prose() -> None:
    found, _ = findings_from_blocks([
        h("Recommendations"), h("Recommendation 1", 3), p("The force should do A."),
        p("We found this in three of the cases we looked at."),
        h("Recommendation 2", 3), p("By 31 March 2026, the force should:"),
        li("do B; and"), li("do C."), h("Next steps")])
    # each item under the lead-in is a recommendation of its own (the inspectorate's count),
    # numbered from the label's ref and carrying the lead-in's date and addressee
    assert [(f.ref, f.text, f.lead_in) for f in found] == [
        ("1", "The force should do A.", None),
        ("2.1", "do B; and", "By 31 March 2026, the force should:"),
        ("2.2", "do C.", "By 31 March 2026, the force should:")]
    assert [(f.due_by, f.addressee) for f in found[1:]] == [(date(2026, 3, 31), "the force")] * 2


def test_contents_lines_never_make_findings() -> None:
    found, problems = findings_from_blocks([
        h("Contents", 1), p("Recommendations ........ 12"), p("Areas for improvement ..... 14"),
        li("Recommendations 12"), h("Summary", 1), p("Nothing to see.")])
    assert found == [] and problems == []


def test_a_finding_heading_with_nothing_readable_is_a_problem() -> None:
    found, problems = findings_from_blocks([
        h("Recommendations", 2, page=9), p("See the annex."), h("Annex A", 2)])
    assert found == []
    assert len(problems) == 1 and problems[0].stage == "extract"
    assert "Recommendations" in problems[0].reason and problems[0].location == "page 9"


def test_no_areas_for_improvement_stated_is_not_a_problem() -> None:
    found, problems = findings_from_blocks([
        h("Areas for improvement"), p("There were no areas for improvement.")])
    assert found == [] and problems == []


def test_summary_repeats_are_counted_once_with_the_main_page() -> None:
    text = "Forces should make sure they quickly and correctly record domestic abuse crimes."
    found, _ = findings_from_blocks([
        h("Executive summary", 1, page=3), h("Our recommendations", 3, page=3),
        li(text, page=3), li("Forces should train their staff in crime recording rules.", page=3),
        h("Recommendations", 1, page=8), h("Recommendation 1", 2, page=8), p(text, page=8),
        h("Recommendation 2", 2, page=9),
        p("Forces should train their staff in crime recording rules, and check that "
          "training works.", page=9)])
    assert [(f.ref, f.page) for f in found] == [("1", 8), ("2", 9)]
    assert found[1].text.endswith("check that training works.")


def test_causes_of_concern_each_followed_by_recommendations() -> None:
    found, problems = findings_from_blocks([
        h("Cause of concern", 3), p("The force is not answering calls quickly enough."),
        h("Recommendations", 4), p("Within three months, the force should:"),
        li("answer calls within ten seconds; and"), li("review its call handling."),
        h("Cause of concern", 3), p("The force does not protect vulnerable people well."),
        h("Recommendation", 4), p("The force should review its safeguarding procedures."),
        h("Areas for improvement", 3), li("The force should improve its data."),
        li("The force needs to improve supervision.")])
    assert [(f.kind, f.ref) for f in found] == [
        ("cause_of_concern", "1"), ("recommendation", "1.1"), ("recommendation", "1.2"),
        ("cause_of_concern", "2"), ("recommendation", "2"), ("area_for_improvement", "1"),
        ("area_for_improvement", "2")]
    assert [(f.text, f.lead_in) for f in found[1:3]] == [
        ("answer calls within ten seconds; and", "Within three months, the force should:"),
        ("review its call handling.", "Within three months, the force should:")]
    assert problems == []


def test_a_cause_of_concern_without_recommendation_is_flagged() -> None:
    found, problems = findings_from_blocks([
        h("Cause of concern"), p("The force is failing victims."), h("Conclusion")])
    assert [f.kind for f in found] == ["cause_of_concern"]
    assert problems and "not followed by a recommendation" in problems[0].reason


def test_inline_labels_anywhere() -> None:
    found, _ = findings_from_blocks([
        h("Investigating crime"), p("The force investigates most crime well."),
        p("Area for improvement: The force should improve how it records outcomes."),
        p("Recommendation 4: By 1 April 2025, the Home Office should publish the data.")])
    assert [(f.kind, f.ref, f.text) for f in found] == [
        ("area_for_improvement", "1", "The force should improve how it records outcomes."),
        ("recommendation", "4", "By 1 April 2025, the Home Office should publish the data.")]
    assert found[1].addressee == "Home Office" and found[1].due_by == date(2025, 4, 1)


def test_multi_force_headings_set_the_force() -> None:
    found, _ = findings_from_blocks([
        h("Recommendations", 2), h("Essex Police", 3), li("The force should do A.", "1"),
        h("Kent Police", 3), li("The force should do A.", "1"),
        h("Recommendations for Norfolk Constabulary", 2), li("The force should do B.", "1"),
        h("Recommendations", 2), p("Cleveland Police should do C.")])
    assert [(f.force, f.text) for f in found] == [
        ("essex", "The force should do A."), ("kent", "The force should do A."),
        ("norfolk", "The force should do B."), ("cleveland", "Cleveland Police should do C.")]


def test_unnumbered_and_numbered_afi_lists() -> None:
    found, _ = findings_from_blocks([
        h("Areas for improvement"), li("The force should improve A."),
        li("The force should improve B."),
        h("Areas for improvement"), li("The force should improve C.", "1"),
        li("The force should improve D.", "2"),
        li("with a nested point that belongs to D.", None, depth=1)])
    # printed numbers keep their refs; the unnumbered ones' places (1, 2) are taken by
    # printed numbers of the same kind, so they are qualified to stay unique
    assert [(f.ref, f.text) for f in found] == [
        ("1 (2)", "The force should improve A."), ("2 (2)", "The force should improve B."),
        ("1", "The force should improve C."),
        ("2", "The force should improve D. with a nested point that belongs to D.")]


def test_refs_are_unique_per_kind_and_force() -> None:
    found, _ = findings_from_blocks([
        h("Recommendations"), li("Forces should do A.", "1"), li("Forces should do B.", "2"),
        h("Recommendations"), li("Forces should do C.", "1"),
        li("Essex Police should do D.", "1"), h("Areas for improvement"),
        li("The force should improve E.", "1")])
    assert [(f.kind, f.ref, f.force) for f in found] == [
        ("recommendation", "1", None), ("recommendation", "2", None),
        ("recommendation", "1 (2)", None), ("recommendation", "1", "essex"),
        ("area_for_improvement", "1", None)]


def test_table_blocks_turn_a_findings_column_into_items() -> None:
    blocks = table_blocks([(["No.", "Force", "Recommendation"], True),
                           (["1", "Essex Police", "The force should do A."], False),
                           (["2", "Kent", "The force should do B."], False)])
    found, _ = findings_from_blocks(blocks)
    assert [(f.ref, f.force, f.text) for f in found] == [
        ("1", "essex", "The force should do A."), ("2", "kent", "The force should do B.")]


def test_paragraph_findings_skip_lead_ins_and_prose() -> None:
    found, _ = findings_from_blocks([
        h("Areas for improvement"),
        p("We have made two areas for improvement, which should be read with chapter 2."),
        p("The force should improve how it supervises investigations."),
        p("The force needs to make sure victims are updated.")])
    assert [f.text for f in found] == ["The force should improve how it supervises investigations.",
                                       "The force needs to make sure victims are updated."]


def test_joint_subjects_name_the_one_force_among_them() -> None:
    text = "By 31 March 2025, Cumbria Constabulary and CPS North West should agree a plan."
    assert force_of(text) == "cumbria"
    assert addressee_of(text) == "Cumbria Constabulary; Crown Prosecution Service"
    assert force_of("Devon and Cornwall Police should review its allocation.") == "devon-and-cornwall"
    assert force_of("Essex Police and Kent Police should work together.") is None
    assert addressee_of("Essex Police and Kent Police should work together.") == \
        "Essex Police; Kent Police"


def test_an_earlier_reports_recommendations_are_not_this_reports() -> None:
    found, problems = findings_from_blocks([
        h("Recommendations from our 2019 inspection", 2),
        h("Recommendation 1", 3), p("The force should review its vetting."),
        p("Progress: the force has done this."),
        h("Areas for improvement", 3), li("The force should improve its audits."),
        h("Our recommendations", 2), li("The force should publish its vetting data.")])
    assert [(f.kind, f.text) for f in found] == [
        ("recommendation", "The force should publish its vetting data.")]
    assert problems == []


# ---------------------------------------------------------------- the inspectorate's count

def test_each_bullet_under_a_lead_in_is_a_recommendation() -> None:
    lead = "HMIC recommends that the force should immediately:"
    found, problems = findings_from_blocks([
        h("Recommendations"), p(lead), li("expand its training for call handlers;"),
        li("clearly define the role of the crime registrar; and"), li("agree a plan."),
        p("HMIC expects chief constables to report on their progress.")])
    assert [(f.ref, f.text, f.addressee, f.lead_in) for f in found] == [
        ("1.1", "expand its training for call handlers;", "the force", lead),
        ("1.2", "clearly define the role of the crime registrar; and", "the force", lead),
        ("1.3", "agree a plan.", "the force", lead)]
    assert problems == []


def test_a_cause_of_concern_heading_labels_the_statement_under_it() -> None:
    lead = ("To address this cause of concern, we recommend that within six months the force "
            "should:")
    found, problems = findings_from_blocks([
        h("Causes of concern"), h("Cause of concern: responding to the public", 3),
        p("The force needs to improve how quickly it answers emergency calls."), p(lead),
        li("review its call handling;"), li("make sure calls are answered within ten seconds.")])
    assert [(f.kind, f.ref, f.text) for f in found] == [
        ("cause_of_concern", "1", "The force needs to improve how quickly it answers "
                                  "emergency calls."),
        ("recommendation", "1.1", "review its call handling;"),
        ("recommendation", "1.2", "make sure calls are answered within ten seconds.")]
    assert {f.lead_in for f in found[1:]} == {lead} and problems == []


def test_an_accelerated_cause_of_concern_and_its_recommendation_sentence() -> None:
    found, problems = findings_from_blocks([
        h("Accelerated cause of concern", 3),
        p("The force needs to improve how it protects children who go missing."),
        p("We recommend that, by 1 June 2025, the force should review every open case."),
        h("Next steps", 2)])
    assert [(f.kind, f.due_by) for f in found] == [
        ("cause_of_concern", None), ("recommendation", date(2025, 6, 1))]
    assert problems == []


def test_a_letters_lettered_recommendations_without_a_heading() -> None:
    lead = "We made the following recommendations, stating that the constabulary should:"
    found, _ = findings_from_blocks([
        h("Dear Chief Constable", 1), p("We inspected the constabulary in 2024."), p(lead),
        p("a) review how it allocates calls;"), p("b) improve its supervision of cases."),
        p("We will revisit the constabulary next year.")])
    assert [(f.ref, f.text, f.addressee) for f in found] == [
        ("a", "review how it allocates calls;", "the force"),
        ("b", "improve its supervision of cases.", "the force")]


def test_numbered_lead_in_items_take_the_leads_number() -> None:
    lead = "By 31 March 2026, chief constables should:"
    found, _ = findings_from_blocks([
        h("Recommendations"), h("Recommendation 3", 3), p(lead),
        li("make sure that crimes are recorded;", "a"), li("audit their records.", "b"),
        h("Recommendation 4", 3), p("Within six months, forces should:"),
        li("publish their data; and"), li("train their staff.")])
    assert [(f.ref, f.due_by, f.addressee) for f in found] == [
        ("3a", date(2026, 3, 31), "chief constables"), ("3b", date(2026, 3, 31), "chief constables"),
        ("4.1", None, "forces"), ("4.2", None, "forces")]


def test_a_note_in_the_same_block_is_not_part_of_the_finding() -> None:
    found, _ = findings_from_blocks([
        h("Recommendations"),
        p("Recommendation 1: By 31 March 2015, chief constables should publish their data. "
          "HMIC expects chief constables to report on progress.")])
    assert [f.text for f in found] == [
        "By 31 March 2015, chief constables should publish their data."]


def test_older_peel_and_fire_afi_bullets() -> None:
    found, _ = findings_from_blocks([
        h("Areas for improvement"), p("\u2022 The force should improve how it records crime."),
        p("\u2022 The constabulary should improve its audits."),
        p("\u2013 The service should improve its fire safety audits.")])
    assert [(f.ref, f.addressee) for f in found] == [
        ("1", "the force"), ("2", "the force"), ("3", "the service")]
