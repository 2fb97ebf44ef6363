"""Prose for the replica's pages and PDFs (report narrative that carries no findings)."""
from __future__ import annotations

REFERENCE_KEY_FINDINGS = (
    "We assess how well police forces record the reports of crimes that they receive. We do "
    "this through the crime data integrity (CDI) strand of our police effectiveness, "
    "efficiency and legitimacy (PEEL) inspections. From 2021 to 2025, we graded each of the "
    "43 police forces in England and Wales for crime recording. In this report, we refer to "
    "this as the 2021\u201325 audit period.",
    "Overall, we have seen marked improvements in the way forces record crime. We are "
    "pleased with the way forces have taken action to implement our recommendations from "
    "previous inspections. The percentage of overall crime the police have recorded has "
    "risen from 80.5% in 2014 to 94.8% in 2025. This included recording 93.6% of violent "
    "crime and 95.9% of sexual offences.",
    "Although the standard of crime recording has improved, there is still more to do. "
    "There is still too much difference between forces in how well they record crime. Some "
    "forces have set and achieved high standards; others haven\u2019t made as much progress "
    "as we would have liked.",
    "Violent crimes, such as minor assaults, harassment, stalking and controlling or "
    "coercive behaviour, still aren\u2019t being recorded well enough. The crimes that were "
    "most often unrecorded were less serious assaults. These accounted for more than half "
    "of unrecorded violent crime.",
    "Too often, forces don\u2019t record reports of crime at the earliest opportunity. On "
    "average, forces recorded and classified 78.1% of all crimes within 24 hours.",
)
REFERENCE_KEY_SENTENCE = (
    "The percentage of overall crime the police have recorded has risen from 80.5% in 2014 "
    "to 94.8% in 2025."
)

FILLER = (
    "We carried out our fieldwork over several weeks. We examined documents the force gave "
    "us, reviewed a sample of case files and listened to calls for service. We also held "
    "focus groups with officers and staff of different ranks and grades, and interviewed "
    "senior leaders.",
    "Our findings are based on the evidence we gathered during the inspection. Where we "
    "refer to data, it is the most recent data available to us at the time of our "
    "fieldwork. Some of the figures in this report are estimates, and the confidence "
    "intervals for them are given in the annex.",
    "Officers and staff told us they were proud to work for the force. Many of them "
    "described a positive culture in which they felt able to challenge decisions and raise "
    "concerns. However, some staff in specialist teams told us that their workloads were "
    "too high and that this affected their wellbeing.",
    "In our 2014 report we made several recommendations about the accuracy of crime "
    "records. We were pleased to find that forces had acted on most of them, although the "
    "pace of change varied between forces and between different types of crime.",
    "The force has a clear plan for improving the service it gives to the public. Leaders "
    "understand the demand the force faces and use data to decide where to put resources. "
    "The plan is reviewed at a monthly performance meeting chaired by a chief officer.",
    "We found that supervisors did not always review investigations at the right time. In "
    "some of the cases we examined, the investigation plan had not been updated for several "
    "weeks, and there was little evidence that the victim\u2019s wishes had been considered.",
    "Partner agencies told us that the force works well with them. Information is usually "
    "shared quickly, and joint meetings are well attended. The force has also started to "
    "use a new system for recording referrals, which partners described as an improvement.",
    "This inspection was carried out under section 54(2BA) of the Police Act 1996, which "
    "allows His Majesty\u2019s Inspectors of Constabulary to inspect and report on the "
    "efficiency and effectiveness of police forces in England and Wales.",
)

WELSH_FILLER = (
    "Cynhaliwyd ein gwaith maes dros sawl wythnos. Gwnaethom archwilio dogfennau a roddodd "
    "yr heddlu i ni, adolygu sampl o ffeiliau achos a gwrando ar alwadau am wasanaeth.",
    "Mae ein canfyddiadau yn seiliedig ar y dystiolaeth a gasglwyd gennym yn ystod yr "
    "arolygiad. Lle rydym yn cyfeirio at ddata, dyma\u2019r data diweddaraf a oedd ar gael.",
)

GRADING_SCALE = (
    "We grade forces on a five-point scale: outstanding, good, adequate, requires "
    "improvement and inadequate. Our judgments are based on the evidence we gathered and "
    "on what we expect a force to achieve."
)


def filler(seed: int, count: int) -> list[str]:
    """``count`` narrative paragraphs, chosen deterministically from ``seed``."""
    return [FILLER[(seed + i) % len(FILLER)] for i in range(count)]
