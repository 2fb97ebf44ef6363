"""SQLAlchemy table definitions: the contract's tables plus the crawler's bookkeeping."""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()
JSONType = sa.JSON()  # JSON on PostgreSQL, JSON-in-text on SQLite


def _publication_key(**options: bool) -> sa.Column:
    """A table's ``publication_id``, referencing the publication (a new column each call:
    SQLAlchemy ties a column to one table)."""
    return sa.Column("publication_id", sa.String(300),
                     sa.ForeignKey("publications.publication_id"), **options)

publications = sa.Table(
    "publications", metadata,
    sa.Column("publication_id", sa.String(300), primary_key=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("published_on", sa.Date, nullable=False),
    sa.Column("first_published_on", sa.Date, nullable=False),
    sa.Column("publication_types", JSONType, nullable=False),
    sa.Column("is_police_inspection", sa.Boolean, nullable=False),
    sa.Column("s55_reason", sa.Text),  # why the rule did (or did not) open obligations
    sa.Column("all_forces", sa.Boolean, nullable=False),
    sa.Column("forces_text", sa.Text),
    sa.Column("key_findings", sa.Text),
    sa.Column("page_sha256", sa.String(64)),
    sa.Column("extractor_version", sa.String(40)),
    sa.Column("corrections", JSONType),  # the correction notices the pages print
    sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

publication_forces = sa.Table(
    "publication_forces", metadata,
    _publication_key(primary_key=True),
    sa.Column("force_id", sa.String(80), primary_key=True),
)

documents = sa.Table(
    "documents", metadata,
    _publication_key(primary_key=True),
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("language", sa.String(5), nullable=False),
    sa.Column("sha256", sa.String(64)),
    sa.Column("bytes", sa.Integer),
    sa.Column("content_type", sa.String(120)),
    sa.Column("fetched_at", sa.DateTime(timezone=True)),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("extractor_version", sa.String(40)),
    sa.Column("printed_on", sa.Date),  # publication date printed in the document itself
)

recommendations = sa.Table(
    "recommendations", metadata,
    _publication_key(primary_key=True),
    sa.Column("kind", sa.String(30), primary_key=True),
    sa.Column("ref", sa.String(40), primary_key=True),
    sa.Column("force_key", sa.String(80), primary_key=True),  # force_id or '' (no NULL in PKs)
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("force_id", sa.String(80)),
    sa.Column("due_by", sa.Date),
    sa.Column("addressee", sa.Text),
    sa.Column("source_url", sa.Text, nullable=False),
    sa.Column("page", sa.Integer),
    sa.Column("anchor", sa.Text),
)

grades = sa.Table(
    "grades", metadata,
    _publication_key(primary_key=True),
    sa.Column("force_id", sa.String(120), primary_key=True),
    sa.Column("area", sa.String(300), primary_key=True),
    sa.Column("body_type", sa.String(10), nullable=False),
    sa.Column("area_key", sa.String(120)),
    sa.Column("grade", sa.String(30), nullable=False),
    sa.Column("cycle", sa.String(20)),
    sa.Column("source_url", sa.Text, nullable=False),
    sa.Column("page", sa.Integer),
)

section55_obligations = sa.Table(
    "section55_obligations", metadata,
    _publication_key(primary_key=True),
    sa.Column("force_id", sa.String(80), primary_key=True),
    sa.Column("local_policing_body", sa.Text, nullable=False),
    sa.Column("lpb_type", sa.String(30)),
    sa.Column("published_on", sa.Date, nullable=False),
    sa.Column("statutory_deadline", sa.Date),
    sa.Column("practice_deadline", sa.Date),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("responded_on", sa.Date),
    sa.Column("response_url", sa.Text),
    sa.Column("responded_on_source", sa.String(20)),  # document | first_seen | manual
    sa.Column("needs_review", sa.Boolean, nullable=False, default=False),
    sa.Column("reason", sa.Text),
    sa.Column("rule_version", sa.String(40), nullable=False),
    sa.Column("status_as_of", sa.Date),
    # the clock's count per status and the soonest open deadlines (migration 0010)
    sa.Index("ix_section55_obligations_status_deadline", "status", "practice_deadline"),
)

responses = sa.Table(
    "responses", metadata,
    _publication_key(primary_key=True),
    sa.Column("force_id", sa.String(80), primary_key=True),
    sa.Column("url", sa.Text, primary_key=True),  # '' for a manual record without a link
    sa.Column("local_policing_body", sa.Text, nullable=False),
    sa.Column("body_text", sa.Text),  # the link's words as the site printed them
    sa.Column("kind", sa.String(10)),
    sa.Column("sha256", sa.String(64)),
    sa.Column("printed_on", sa.Date),
    sa.Column("first_seen_on", sa.Date, nullable=False),
    sa.Column("last_seen_on", sa.Date),
    sa.Column("source", sa.String(10), nullable=False),  # site | manual
)

quarantine = sa.Table(
    "quarantine", metadata,
    sa.Column("quarantine_id", sa.String(64), primary_key=True),  # hash of stage+source+reason
    sa.Column("stage", sa.String(30), nullable=False),
    sa.Column("source_url", sa.Text),
    sa.Column("record", JSONType),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("location", sa.Text),
    sa.Column("run_id", sa.String(40)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

runs = sa.Table(
    "runs", metadata,
    sa.Column("run_id", sa.String(40), primary_key=True),
    sa.Column("command", sa.String(30), nullable=False),
    sa.Column("site", sa.Text),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("new", sa.Integer, nullable=False, default=0),
    sa.Column("changed", sa.Integer, nullable=False, default=0),
    sa.Column("unchanged", sa.Integer, nullable=False, default=0),
    sa.Column("quarantined", sa.Integer, nullable=False, default=0),
    sa.Column("obligations_opened", sa.Integer, nullable=False, default=0),
    sa.Column("counts", JSONType),
    sa.Column("error", sa.Text),
)

fetch_log = sa.Table(
    "fetch_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.String(40)),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("method", sa.String(10), nullable=False),
    sa.Column("status", sa.Integer),
    sa.Column("bytes", sa.Integer, nullable=False),
    sa.Column("elapsed_ms", sa.Integer, nullable=False),
    sa.Column("from_cache", sa.Boolean, nullable=False),
    sa.Column("attempt", sa.Integer, nullable=False),
    sa.Column("error", sa.Text),
    sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
)

http_validators = sa.Table(
    "http_validators", metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("content_type", sa.String(120)),
)

# What the listing page type read from a listing page's bytes (its items and next page),
# kept with the page's validators: a page that answers 304 is not read again while the
# bytes (sha256), the URL they were read at and the extractor version are the same.
listing_pages = sa.Table(
    "listing_pages", metadata,
    sa.Column("url", sa.Text, primary_key=True),  # canonical URL of the page read
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("base_url", sa.Text, nullable=False),  # the URL its links were resolved on
    sa.Column("charset", sa.Text),  # as the server declared it
    sa.Column("extractor_version", sa.String(40), nullable=False),
    sa.Column("items", JSONType, nullable=False),  # ListingItem fields, in page order
    sa.Column("next_url", sa.Text),
)

publication_changes = sa.Table(
    "publication_changes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("publication_id", sa.String(300), nullable=False),
    sa.Column("field", sa.String(60), nullable=False),
    sa.Column("old_value", sa.Text),
    sa.Column("new_value", sa.Text),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("run_id", sa.String(40)),
)

finding_history = sa.Table(
    "finding_history", metadata,  # a finding's earlier wording, when a correction changed it
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("publication_id", sa.String(300), nullable=False),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("ref", sa.String(40), nullable=False),
    sa.Column("force_key", sa.String(80), nullable=False),
    sa.Column("change", sa.String(20), nullable=False),  # reworded | added | removed
    sa.Column("old_text", sa.Text),
    sa.Column("new_text", sa.Text),
    sa.Column("corrections", JSONType),  # the notices the pages printed at the change
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("run_id", sa.String(40)),
    sa.Index("ix_finding_history_publication_id", "publication_id"),
)

obligation_steps = sa.Table(
    "obligation_steps", metadata,
    sa.Column("step_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("publication_id", sa.String(300), nullable=False),
    sa.Column("force_id", sa.String(80), nullable=False),
    sa.Column("step", sa.String(60), nullable=False),
    sa.Column("done_on", sa.Date, nullable=False),
    sa.Column("note", sa.Text),
    sa.Column("source", sa.String(20), nullable=False),  # manual | site
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["publication_id", "force_id"],
                            ["section55_obligations.publication_id",
                             "section55_obligations.force_id"]),
    sa.Index("ix_obligation_steps_obligation", "publication_id", "force_id"),
)

recommendation_register = sa.Table(
    "recommendation_register", metadata,
    sa.Column("register_id", sa.String(20), primary_key=True),
    _publication_key(nullable=False),
    sa.Column("force_id", sa.String(80), nullable=False),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("ref", sa.String(40), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("addressee", sa.Text),
    sa.Column("status", sa.String(30), nullable=False),
    sa.Column("status_on", sa.Date),
    sa.Column("in_report", sa.Boolean, nullable=False),
    sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_recommendation_register_force", "force_id", "publication_id"),
)

recommendation_updates = sa.Table(
    "recommendation_updates", metadata,
    sa.Column("update_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("register_id", sa.String(20),
              sa.ForeignKey("recommendation_register.register_id"), nullable=False),
    sa.Column("status", sa.String(30), nullable=False),
    sa.Column("updated_on", sa.Date, nullable=False),
    sa.Column("note", sa.Text),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
)

deadline_alerts = sa.Table(
    "deadline_alerts", metadata,
    sa.Column("publication_id", sa.String(300), primary_key=True),
    sa.Column("force_id", sa.String(80), primary_key=True),
    sa.Column("threshold_days", sa.Integer, primary_key=True),
    sa.Column("practice_deadline", sa.Date, nullable=False),
    sa.Column("sent_on", sa.Date, nullable=False),
)

CONTRACT_TABLES = ("publications", "publication_forces", "documents", "recommendations",
                   "grades", "section55_obligations", "quarantine", "runs",
                   "obligation_steps", "recommendation_register", "recommendation_updates",
                   "responses")

# The change journal trackers poll (`/api/changes?since=<id>`): one row per change the
# loader, the clock or a recorded response made; the autoincrement id is the cursor.
changes = sa.Table(
    "changes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("publication_id", sa.String(300), index=True),
    sa.Column("force_id", sa.String(80)),
    sa.Column("detail", JSONType),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("run_id", sa.String(40)),
)

# Every write made through the web view: who, when, what.
audit = sa.Table(
    "audit", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("who", sa.String(120), nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("target", sa.Text, nullable=False),
    sa.Column("detail", JSONType),
    sa.Column("client", sa.String(80)),
)
