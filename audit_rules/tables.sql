-- The store's tables the audit stage reads and writes: a run's facts (what a site has) and,
-- apart from them, its verdicts (rule_results, org_scores, run_rules, run_levels,
-- verdict_overrides). The application adds its own tables in cmn_audit/schema.sql; both
-- files are idempotent, and each "Schema N" block adds what version N of the store needs.

CREATE TABLE IF NOT EXISTS organisations (
    run_id VARCHAR NOT NULL,
    org_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    short_name VARCHAR,
    kind VARCHAR,
    site_url VARCHAR NOT NULL,
    email VARCHAR,
    head_name VARCHAR,
    municipality VARCHAR,
    section_hint VARCHAR,
    PRIMARY KEY (run_id, org_id)
);

-- One row per organisation: could the site be checked, and was the section found.
CREATE TABLE IF NOT EXISTS sites (
    run_id VARCHAR NOT NULL,
    org_id VARCHAR NOT NULL,
    site_status VARCHAR NOT NULL,        -- ok | unreachable | error
    site_error VARCHAR,                  -- fetch outcome of the home page when not ok
    home_url VARCHAR,
    section_found BOOLEAN NOT NULL,
    section_url VARCHAR,
    section_title VARCHAR,
    candidates JSON,                     -- [{url, text, score}] tried while looking for the section
    pages_crawled INTEGER,
    PRIMARY KEY (run_id, org_id)
);

-- Every response (or failure to get one) the crawler met.
CREATE TABLE IF NOT EXISTS fetches (
    run_id VARCHAR NOT NULL,
    org_id VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    http_status INTEGER,                 -- NULL when no response arrived
    outcome VARCHAR NOT NULL,            -- ok | http_error | timeout | dns_error | connection_error | blocked_private | robots | too_large | host_unresolved | bad_link | time_budget | error
    content_type VARCHAR,
    size BIGINT,
    sha256 VARCHAR,
    fetched_at TIMESTAMP,
    referer VARCHAR,
    purpose VARCHAR,                     -- home | menu | sitemap | search | section | document | news
    cache_state VARCHAR                  -- NULL: downloaded | revalidated (304) | fresh (HTTP cache)
);

-- HTML pages of the mentorship section (root and sub-pages).
CREATE TABLE IF NOT EXISTS pages (
    run_id VARCHAR NOT NULL,
    org_id VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    title VARCHAR,
    text VARCHAR,
    is_section_root BOOLEAN NOT NULL,
    sha256 VARCHAR
);

-- Every link seen on section pages (documents, sub-pages, external resources).
CREATE TABLE IF NOT EXISTS links (
    run_id VARCHAR NOT NULL,
    org_id VARCHAR NOT NULL,
    page_url VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    text VARCHAR,
    is_external BOOLEAN NOT NULL,        -- host differs from the school's site
    is_document BOOLEAN NOT NULL
);

-- Documents linked from the section (files, and HTML pages holding a document's text).
CREATE TABLE IF NOT EXISTS documents (
    run_id VARCHAR NOT NULL,
    org_id VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    link_text VARCHAR,
    found_on VARCHAR,
    sha256 VARCHAR,
    content_type VARCHAR,
    file_ext VARCHAR,                    -- pdf | docx | doc | ... | html
    size BIGINT,
    fetch_status VARCHAR NOT NULL,       -- same vocabulary as fetches.outcome
    http_status INTEGER,
    extract_status VARCHAR NOT NULL,     -- ok | empty | failed | unsupported | not_a_document | ocr_unavailable | not_downloaded
    extract_error VARCHAR,
    text_source VARCHAR NOT NULL,        -- text | ocr | none
    ocr_confidence DOUBLE,               -- mean word confidence 0..100 when read by OCR
    ocr_pages INTEGER,                   -- pages read by OCR (a long scan is read in part)
    kind VARCHAR NOT NULL,               -- vocabulary of ARCHITECTURE.md
    audience VARCHAR NOT NULL,           -- students | teachers | both | unknown
    title VARCHAR,
    doc_date DATE,
    doc_number VARCHAR,
    period_start INTEGER,                -- first year a roadmap/programme covers
    period_end INTEGER,
    confidence DOUBLE,
    reasons VARCHAR[],
    signed_by VARCHAR,                   -- who signed or approved it, «Директор Иванова Н.П.»
    issuer VARCHAR,                      -- school | municipal | regional | federal | methodological_centre | other | unknown
    events JSON,                         -- roadmap events [{title, due, due_date, responsible}]
    mentor_count INTEGER,                -- mentor base: distinct mentors
    pair_count INTEGER,                  -- mentor base: mentor–mentee pairs
    problems JSON                        -- [{code, title, detail}], codes of crawler/understand/checks.py
);

-- News items and announcements found in or linked from the section.
CREATE TABLE IF NOT EXISTS news (
    run_id VARCHAR NOT NULL,
    org_id VARCHAR NOT NULL,
    url VARCHAR NOT NULL,
    news_date DATE,
    title VARCHAR,
    text VARCHAR,
    is_mentorship BOOLEAN NOT NULL,
    audience VARCHAR NOT NULL
);

-- Verdicts: one row per organisation and rule of the run's profile.
CREATE TABLE IF NOT EXISTS rule_results (
    run_id VARCHAR NOT NULL,
    org_id VARCHAR NOT NULL,
    rule_id VARCHAR NOT NULL,
    outcome VARCHAR NOT NULL,            -- pass | fail | not_checked
    evidence VARCHAR[],                  -- URLs that back the outcome
    note VARCHAR,                        -- why not_checked, in Russian
    PRIMARY KEY (run_id, org_id, rule_id)
);

CREATE TABLE IF NOT EXISTS org_scores (
    run_id VARCHAR NOT NULL,
    org_id VARCHAR NOT NULL,
    score DOUBLE,                        -- 0..100 over checked, counted rules; NULL when nothing was checked
    level VARCHAR NOT NULL,              -- compliant | partial | non_compliant | not_checked
    passed INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    not_checked INTEGER NOT NULL,
    PRIMARY KEY (run_id, org_id)
);

-- The rules a run was judged by, copied from its profile so reports and history
-- never depend on today's profile files.
CREATE TABLE IF NOT EXISTS run_rules (
    run_id VARCHAR NOT NULL,
    rule_id VARCHAR NOT NULL,
    position INTEGER NOT NULL,           -- order in the profile
    title VARCHAR NOT NULL,              -- Russian, as in the reference's criteria
    section VARCHAR,                     -- group heading, e.g. «Нормативно-правовое обеспечение»
    severity VARCHAR NOT NULL,           -- required | recommended | optional
    counted BOOLEAN NOT NULL,            -- false: reported, never counted against the school
    weight DOUBLE NOT NULL,
    recommendation VARCHAR NOT NULL,     -- Russian text a letter uses when the rule fails
    source_id VARCHAR NOT NULL,
    source_title VARCHAR NOT NULL,       -- e.g. «Письмо МКУ «ИМЦ…» № 62 от 26.10.2022»
    source_quote VARCHAR NOT NULL,
    PRIMARY KEY (run_id, rule_id)
);

-- Schema 2 (document reading): columns added to stores created by schema 1.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS ocr_confidence DOUBLE;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS ocr_pages INTEGER;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS signed_by VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS events JSON;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS mentor_count INTEGER;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS pair_count INTEGER;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS problems JSON;

-- Schema 3 (conditional re-crawls): how each response was obtained.
ALTER TABLE fetches ADD COLUMN IF NOT EXISTS cache_state VARCHAR;

-- Schema 4, part 1 (rule profiles): the deadline a rule's source sets, for letters.
ALTER TABLE run_rules ADD COLUMN IF NOT EXISTS deadline DATE;

-- Schema 4, part 2 (human judgement): a methodologist's decisions, kept across runs.
-- A verdict replaced by a methodologist; applied to later runs while the evidence behind it
-- (audit_rules/overrides.py: evidence_fingerprint) is unchanged.
CREATE TABLE IF NOT EXISTS verdict_overrides (
    org_id VARCHAR NOT NULL,
    rule_id VARCHAR NOT NULL,
    outcome VARCHAR NOT NULL,            -- pass | fail | not_checked
    reason VARCHAR NOT NULL,             -- Russian, as the methodologist wrote it
    decided_at TIMESTAMP NOT NULL,
    run_id VARCHAR NOT NULL,             -- run the decision was made on
    evidence_fingerprint VARCHAR NOT NULL,  -- SHA-256 of the evidence at decision time
    PRIMARY KEY (org_id, rule_id)
);
ALTER TABLE rule_results ADD COLUMN IF NOT EXISTS overridden BOOLEAN DEFAULT false;
ALTER TABLE rule_results ADD COLUMN IF NOT EXISTS override_reason VARCHAR;
ALTER TABLE rule_results ADD COLUMN IF NOT EXISTS computed_outcome VARCHAR;  -- before an override

-- Schema 6 (real documents): whose document it is, read from its letterhead and signature.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS issuer VARCHAR;

-- Schema 7 (bundles): the documents one file holds one after another, with their pages:
-- [{kind, audience, title, date, number, period_start, period_end, first_page, last_page,
--   confidence, reasons}]; NULL for a file that holds one document.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS parts JSON;
-- Scanned pages past the OCR limit: a file read in part cannot prove a document absent.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS unread_pages INTEGER;
-- The columns of the form «База наставников» a mentor base's table has (NULL: no table read).
ALTER TABLE documents ADD COLUMN IF NOT EXISTS base_columns VARCHAR[];
-- The roles an order's operative part appoints (crawler/understand/appointments.py).
ALTER TABLE documents ADD COLUMN IF NOT EXISTS appoints VARCHAR[];
-- A mentorship news item that speaks to or of parents.
ALTER TABLE news ADD COLUMN IF NOT EXISTS for_parents BOOLEAN DEFAULT false;

-- Schema 8 (outputs a methodologist signs): what a run sent, partial runs, held letters.
-- The compliance levels a run was judged by, copied from its profile like run_rules: the
-- справка states the thresholds in words.
CREATE TABLE IF NOT EXISTS run_levels (
    run_id VARCHAR NOT NULL,
    level VARCHAR NOT NULL,              -- compliant | partial | non_compliant
    label VARCHAR NOT NULL,              -- Russian, «частично соответствует»
    min_score DOUBLE NOT NULL,           -- the score from which the level is reached
    PRIMARY KEY (run_id, level)
);

-- Schema 9 (rule basis): does the source ask for the site (published), or does the centre's
-- practice expect there what the source asks to exist or to be sent elsewhere (inferred)?
-- NULL in runs stored before: their rules were all read as published.
ALTER TABLE run_rules ADD COLUMN IF NOT EXISTS basis VARCHAR;
