"""Graded judgments read by meaning: grade words, cycles, tables, lists, charts and sentences.

The readers here turn text lines and table rows into candidates (area, grade text); the
same code serves HTML pages and PDF text. ``finish_grades`` checks each against the
report's scale and returns Grade records plus Problems for what cannot be trusted.
"""
from __future__ import annotations

from extractors.grades_html import DEFAULT_AREAS, grades_from_html, to_soup
from extractors.grades_tables import TableState, grades_from_rows
from extractors.grades_text import (grades_from_atoms, normalise_grade_in, read_line,
                                    sentence_grades, stated_grades)
from extractors.grades_words import (GRADE_RE, UNGRADED_AREAS, Atom, Candidate, body_from_slug,
                                     body_from_text, clean_text, cycle_from, finish_grades,
                                     is_ungraded, normalise_grade, plausible_area, scheme_from)

__all__ = ["DEFAULT_AREAS", "GRADE_RE", "UNGRADED_AREAS", "Atom", "Candidate", "TableState",
           "body_from_slug", "body_from_text", "clean_text", "cycle_from", "finish_grades",
           "grades_from_atoms", "grades_from_html", "grades_from_rows", "is_ungraded",
           "normalise_grade", "normalise_grade_in", "plausible_area", "read_line", "scheme_from",
           "sentence_grades", "stated_grades", "to_soup"]
