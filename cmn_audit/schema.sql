-- The DuckDB store of one workspace: every run, its facts and its verdicts.
-- The tables of facts and verdicts are audit_rules/tables.sql: the audit stage reads and
-- writes them and checks rule predicates against them. This file adds the application's own
-- (runs, caches, review decisions, failures, letters) and runs after it (cmn_audit/store.py).
-- A run's rows are written in one transaction; `runs.status = 'complete'` marks it whole.

CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);

CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY,          -- e.g. 20261123-101502
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    audit_date DATE NOT NULL,            -- date the rules are judged on
    profile_id VARCHAR NOT NULL,
    profile_version VARCHAR,
    municipality VARCHAR,
    registry_path VARCHAR,
    status VARCHAR NOT NULL              -- complete
);

-- Cross-run cache: the same bytes are never extracted twice.
CREATE TABLE IF NOT EXISTS extraction_cache (
    sha256 VARCHAR PRIMARY KEY,
    extractor_version VARCHAR NOT NULL,
    text_source VARCHAR NOT NULL,
    extract_status VARCHAR NOT NULL,
    extract_error VARCHAR,
    text VARCHAR,
    pages INTEGER,
    tables JSON,                         -- [[[cell, …], …], …] when the format has tables
    ocr_confidence DOUBLE,
    ocr_pages INTEGER
);

-- Cross-run cache of understanding: the same bytes under the same link are classified once.
CREATE TABLE IF NOT EXISTS understanding_cache (
    sha256 VARCHAR NOT NULL,
    understand_version VARCHAR NOT NULL,
    context_key VARCHAR NOT NULL,        -- hash of the link text and URL the facts depend on
    facts JSON NOT NULL,
    PRIMARY KEY (sha256, understand_version, context_key)
);

-- Schema 2 (document reading): columns added to stores created by schema 1.
ALTER TABLE extraction_cache ADD COLUMN IF NOT EXISTS tables JSON;
ALTER TABLE extraction_cache ADD COLUMN IF NOT EXISTS ocr_confidence DOUBLE;
ALTER TABLE extraction_cache ADD COLUMN IF NOT EXISTS ocr_pages INTEGER;

-- Schema 4, part 2 (human judgement): a methodologist's decisions, kept across runs.
-- Decisions of `cmn-audit review`: a document's kind, a section's address, a section absent.
CREATE TABLE IF NOT EXISTS review_decisions (
    subject VARCHAR NOT NULL,            -- document | section | no_section
    org_id VARCHAR NOT NULL,             -- '' when a document decision holds for every school
    sha256 VARCHAR NOT NULL,             -- document: the file's SHA-256; otherwise ''
    url VARCHAR,                         -- the document's or the section's URL
    kind VARCHAR,                        -- document: the kind decided
    audience VARCHAR,                    -- document: the audience decided (NULL: as classified)
    candidates_fingerprint VARCHAR,      -- no_section: SHA-256 of the candidates tried
    reason VARCHAR,
    decided_at TIMESTAMP NOT NULL,
    run_id VARCHAR,                      -- run the decision was made on
    PRIMARY KEY (subject, org_id, sha256)
);

-- Schema 5 (history): what the letters of a run asked and by when, rescored runs, failed runs.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS letter_date DATE;        -- date the run's letters bear
ALTER TABLE runs ADD COLUMN IF NOT EXISTS letter_deadline DATE;    -- [audit] deadline they set
ALTER TABLE runs ADD COLUMN IF NOT EXISTS rescore_of VARCHAR;      -- run whose facts were rejudged
ALTER TABLE runs ADD COLUMN IF NOT EXISTS label VARCHAR;           -- Russian, e.g. «Пересчёт …»
-- A run that stopped with an error: never in `runs`, so earlier runs stay untouched.
CREATE TABLE IF NOT EXISTS run_failures (
    run_id VARCHAR NOT NULL,
    started_at TIMESTAMP,
    failed_at TIMESTAMP NOT NULL,
    stage VARCHAR NOT NULL,              -- crawl | audit | reports
    error VARCHAR NOT NULL,
    log_path VARCHAR,                    -- the run's journal (runs/<id>/run.log)
    PRIMARY KEY (run_id, failed_at)
);

-- Schema 7 (bundles): scanned pages past the OCR limit, remembered with the cached text.
ALTER TABLE extraction_cache ADD COLUMN IF NOT EXISTS unread_pages INTEGER;

-- Schema 8 (outputs a methodologist signs): what a run sent, partial runs, held letters.
-- What the run's outputs are signed with, frozen when the run is saved: the centre's
-- letterhead and the справка's requisites as JSON ({"centre": {…}, "reference": {…}}).
ALTER TABLE runs ADD COLUMN IF NOT EXISTS requisites JSON;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS scope VARCHAR;           -- full | partial (run --school)
-- A run whose results collapsed against the previous one: letters wait for `cmn-audit confirm`.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS letters_held BOOLEAN;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS letters_confirmed_at TIMESTAMP;
-- Each school's letter as first written: re-rendering a run never renumbers or redates it.
CREATE TABLE IF NOT EXISTS run_letters (
    run_id VARCHAR NOT NULL,
    org_id VARCHAR NOT NULL,
    number VARCHAR NOT NULL,             -- outgoing number, «01-33/5»
    letter_date DATE NOT NULL,
    deadline DATE,                       -- the one date «в срок до …» names
    row_deadlines JSON,                  -- [[rule_id, ГГГГ-ММ-ДД]] when the criteria's differ
    PRIMARY KEY (run_id, org_id)
);
-- The letter's place in the centre's journal: the next run's letters continue after it.
ALTER TABLE run_letters ADD COLUMN IF NOT EXISTS sequence INTEGER;

-- Schema 10 (monitoring dates and words): a run dated in the past re-creates an earlier
-- monitoring (`run --on`), over a period; the справка names the section as the source does.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS monitoring_from DATE;    -- first day of the period
ALTER TABLE runs ADD COLUMN IF NOT EXISTS facts_until DATE;        -- run dated in the past: later facts not counted
ALTER TABLE runs ADD COLUMN IF NOT EXISTS section_name VARCHAR;    -- «Целевая модель наставничества»
ALTER TABLE runs ADD COLUMN IF NOT EXISTS section_noun VARCHAR;    -- раздел | рубрика | …
