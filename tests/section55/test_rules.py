from datetime import date

import pytest

from section55.rules import (RULE_VERSION, PublicationFacts, is_police_inspection,
                             obligations_for, type_category)

REFERENCE_DAY = date(2025, 8, 28)


def facts(types, force_ids=(), all_forces=False, other_bodies=(), fire_services=(),
          title="A report", published_on=REFERENCE_DAY):
    return PublicationFacts(
        publication_id="pub-1", title=title, published_on=published_on,
        publication_types=list(types), force_ids=list(force_ids), all_forces=all_forces,
        other_bodies=list(other_bodies), fire_services=list(fire_services))


def test_all_forces_report_opens_43_with_the_reference_deadlines():
    drafts, notes = obligations_for(facts(
        ["Crime recording", "Data", "Data quality", "Spotlight"], all_forces=True,
        title="How effectively do the police record crime?"))
    assert len(drafts) == 43 and len({d.force_id for d in drafts}) == 43
    assert notes == []
    norfolk = next(d for d in drafts if d.force_id == "norfolk")
    assert norfolk.local_policing_body == "Police and Crime Commissioner for Norfolk"
    assert norfolk.lpb_type == "pcc"
    assert norfolk.statutory_deadline == date(2025, 10, 22)
    assert norfolk.practice_deadline == date(2025, 10, 23)
    assert norfolk.needs_review is False
    assert norfolk.rule_version == RULE_VERSION
    city = next(d for d in drafts if d.force_id == "city-of-london")
    assert city.local_policing_body == "Common Council of the City of London"


def test_single_force_opens_one():
    drafts, _ = obligations_for(facts(["PEEL"], ["essex"], published_on=date(2023, 3, 1)))
    assert [(d.force_id, d.lpb_type) for d in drafts] == [("essex", "pfcc")]


def test_multi_force_opens_one_per_named_force_without_duplicates():
    drafts, _ = obligations_for(facts(["Custody"], ["devon-and-cornwall", "dorset",
                                                    "dorset"]))
    assert [d.force_id for d in drafts] == ["devon-and-cornwall", "dorset"]


@pytest.mark.parametrize("day, body", [
    (date(2024, 5, 6), "Police and Crime Commissioner for South Yorkshire"),
    (date(2024, 5, 7), "Mayor of South Yorkshire"),
])
def test_south_yorkshire_body_follows_the_publication_date(day, body):
    drafts, _ = obligations_for(facts(["Vetting"], ["south-yorkshire"], published_on=day))
    assert [d.local_policing_body for d in drafts] == [body]


def test_before_2_may_2017_the_duty_has_no_deadlines():
    drafts, _ = obligations_for(facts(["PEEL"], ["norfolk"], published_on=date(2016, 3, 3)))
    assert len(drafts) == 1
    assert drafts[0].statutory_deadline is None and drafts[0].practice_deadline is None


@pytest.mark.parametrize("types, reason", [
    (["Fire & rescue services"], "fire & rescue"),
    (["Consultations"], "consultation"),
    (["Consultations", "Fire & rescue services"], "consultation"),
    (["Corporate documents"], "corporate document"),
    (["Inspection programmes and frameworks", "PEEL"], "inspection programme"),
])
def test_non_police_inspections_open_none_even_naming_forces(types, reason):
    publication = facts(types, ["norfolk"])
    ok, why = is_police_inspection(publication)
    assert ok is False and reason in why
    drafts, notes = obligations_for(publication)
    assert drafts == [] and reason in notes[0]


def test_fire_report_naming_only_a_fire_service_opens_none():
    drafts, notes = obligations_for(facts(
        ["Effectiveness"], fire_services=["essex-county-fire-and-rescue-service"]))
    assert drafts == [] and "fire & rescue" in notes[0]


def test_nca_opens_none_and_says_why():
    drafts, notes = obligations_for(facts(["Serious and organised crime"],
                                          other_bodies=["national-crime-agency"]))
    assert drafts == []
    assert notes == ["NCA: own regime under Crime and Courts Act 2013 Sch.6, "
                     "no s.55 obligation"]


def test_psni_opens_none_and_says_why():
    drafts, notes = obligations_for(facts(
        ["Custody"], other_bodies=["police-service-of-northern-ireland"]))
    assert drafts == [] and "PSNI: not in England and Wales" in notes[0]


def test_btp_opens_one_for_the_authority():
    drafts, notes = obligations_for(facts(["PEEL"],
                                          other_bodies=["british-transport-police"]))
    assert notes == []
    assert [(d.force_id, d.local_policing_body) for d in drafts] == [
        ("british-transport-police", "British Transport Police Authority")]
    assert drafts[0].practice_deadline == date(2025, 10, 23)
    assert "s.63(6)" in drafts[0].reason


@pytest.mark.parametrize("types, title", [
    (["Joint inspections"], "Custody in Kent"),
    (["Child protection"], "Joint targeted area inspection of the multi-agency response"),
    (["Criminal Justice Joint Inspection"], "Evidence-led domestic abuse prosecutions"),
])
def test_joint_inspection_naming_a_force_needs_review(types, title):
    drafts, _ = obligations_for(facts(types, ["kent"], title=title))
    assert len(drafts) == 1 and drafts[0].needs_review is True
    assert "joint" in drafts[0].reason


def test_unrecognised_type_with_no_force_fails_safe():
    ok, why = is_police_inspection(facts(["Podcasts"]))
    assert ok is False and "unrecognised" in why and "'Podcasts'" in why
    assert obligations_for(facts(["Podcasts"]))[0] == []


def test_unrecognised_type_naming_a_force_is_flagged_not_dropped():
    drafts, _ = obligations_for(facts(["Podcasts"], ["norfolk"]))
    assert len(drafts) == 1 and drafts[0].needs_review is True
    assert "unrecognised" in drafts[0].reason


def test_police_type_naming_no_force_opens_none_and_says_so():
    drafts, notes = obligations_for(facts(["PEEL"]))
    assert drafts == [] and "names no police force" in notes[0]


def test_mixed_police_and_fire_types_naming_a_force_needs_review():
    drafts, _ = obligations_for(facts(["Fire & rescue services", "Custody"], ["essex"]))
    assert len(drafts) == 1 and drafts[0].needs_review is True


@pytest.mark.parametrize("label, category", [
    ("Fire & rescue services", "fire"),
    ("fire and rescue services", "fire"),
    ("Crime recording", "police"),
    ("Joint inspections", "joint"),
    ("Inspection programmes and frameworks", "not_a_report"),
    ("Super-complaints", "review"),
    ("Something new", "unrecognised"),
])
def test_type_vocabulary(label, category):
    assert type_category(label) == category
