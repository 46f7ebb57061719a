-- Views the audit rules query: facts of every run, shaped for short rule predicates.
-- Every evidence view carries run_id, org_id, `url` (the row's identity, counted by a rule's
-- min_count) and `evidence_urls` (the URLs a verdict cites when the row matches).
-- Recreated by apply_profile before each audit, so they always match this file.

-- A URL reduced for comparison: no scheme, no "www.", no trailing slashes, lower case.
CREATE OR REPLACE MACRO url_key(u) AS
    regexp_replace(lower(trim(u)), '^https?://(www\.)?|/+$', '', 'g');

-- True when url matches one of urls after both are reduced by url_key.
CREATE OR REPLACE MACRO url_in_list(u, urls) AS
    url_key(u) IN (SELECT url_key(unnest(urls)));

-- True when url is one of the addresses in urls or lies under one of them (a site, a
-- folder): «uo.example.ru» holds «https://www.uo.example.ru/npa/», never «uo.example.ru.x».
CREATE OR REPLACE MACRO url_under(u, urls) AS
    len(list_filter(urls, lambda x: starts_with(url_key(u) || '/', url_key(x) || '/'))) > 0;

-- One row per organisation of a run with the outcome of its site check.
CREATE OR REPLACE VIEW v_orgs AS
SELECT
    o.run_id,                                           -- run the facts belong to
    o.org_id,                                           -- organisation id from the registry
    o.name,                                             -- full name from the registry
    o.site_url,                                         -- site URL from the registry
    s.home_url,                                         -- home page actually reached
    coalesce(s.site_status, 'error') AS site_status,    -- ok | incomplete | unreachable | error
    s.site_error,                                       -- fetch outcome when not ok
    coalesce(s.site_status, 'error') = 'ok' AS site_checked,  -- the site could be checked
    coalesce(s.section_found, false) AS section_found,  -- the mentorship section was found
    s.section_url,                                      -- URL of the section's root page
    s.section_title,                                    -- title of the section's root page
    s.pages_crawled,                                    -- pages the crawler read on the site
    coalesce(s.section_url, s.home_url, o.site_url) AS url,  -- section, else home page
    CASE
        WHEN s.section_found AND s.section_url IS NOT NULL THEN [s.section_url]
        ELSE []::VARCHAR[]
    END AS evidence_urls                                -- the section URL when found
FROM organisations AS o
LEFT JOIN sites AS s USING (run_id, org_id);

-- The school's own mentorship documents with their facts; not_mentorship rows are left out,
-- and so are acts of other bodies reposted on the site (a municipal положение, a letter of the
-- ИМЦ): only the school's own acts, or those whose issuer could not be read, satisfy its rules.
-- Methodical recommendations are reference material, not acts: a school publishes the
-- ministry's for its teachers, and a source asking for them on the site is answered by them.
-- A file that bundles several documents (an order with its положение and roadmap as annexes)
-- adds a row for each part of another kind or audience than the file's own, named by its pages.
CREATE OR REPLACE VIEW v_documents AS
WITH own AS (
    -- Only a document whose text was read is evidence: a link titled «Приказ…» that leads
    -- nowhere proves nothing.
    SELECT * FROM documents
    WHERE fetch_status = 'ok' AND extract_status = 'ok'
      AND (coalesce(issuer, 'unknown') IN ('school', 'unknown') OR kind = 'methodology')
),
bundled AS (
    SELECT own.*, p.part, p.part.url AS part_url
    FROM own, (
        SELECT unnest(from_json(own.parts, '[{"url": "VARCHAR", "kind": "VARCHAR",
            "audience": "VARCHAR", "title": "VARCHAR", "date": "VARCHAR", "number": "VARCHAR",
            "period_start": "INTEGER", "period_end": "INTEGER", "first_page": "INTEGER",
            "last_page": "INTEGER", "confidence": "DOUBLE"}]')) AS part
    ) AS p
    WHERE own.parts IS NOT NULL
)
SELECT
    run_id,                                             -- run the facts belong to
    org_id,                                             -- organisation the section belongs to
    url,                                                -- document URL
    NULL::VARCHAR AS part_of,                           -- the file, when the row is its part
    NULL::VARCHAR AS pages,                             -- pages of the file the part takes
    link_text,                                          -- text of the link to the document
    title,                                              -- title read from the document
    kind,                                               -- kind vocabulary of ARCHITECTURE.md
    audience,                                           -- students | teachers | both | unknown
    audience IN ('students', 'both') AS audience_students,  -- concerns pupils
    audience IN ('teachers', 'both') AS audience_teachers,  -- concerns teachers
    coalesce(issuer, 'unknown') AS issuer,              -- school | unknown (own acts only;
                                                        -- ^ any issuer for methodology)
    doc_date,                                           -- date of the document
    year(doc_date) AS doc_year,                         -- year of the document
    doc_number,                                         -- number of the document
    period_start,                                       -- first year a roadmap/programme covers
    period_end,                                         -- last year a roadmap/programme covers
    file_ext,                                           -- pdf | docx | doc | ... | html
    text_source,                                        -- text | ocr | none
    confidence,                                         -- classifier confidence, 0..1
    base_columns,                                       -- a mentor base's columns of the form
                                                        -- ^ «База наставников» (NULL: no table)
    coalesce(appoints, []) AS appoints,                 -- roles an order's items appoint:
                                                        -- ^ curator | coordinator | responsible
    [url] AS evidence_urls                              -- the document URL
FROM own
WHERE kind <> 'not_mentorship'
UNION ALL
SELECT
    run_id, org_id,
    part_url AS url,
    url AS part_of,
    CASE WHEN part.first_page IS NULL THEN NULL
         WHEN coalesce(part.last_page, part.first_page) = part.first_page
             THEN part.first_page::VARCHAR
         ELSE part.first_page::VARCHAR || '–' || part.last_page::VARCHAR END AS pages,
    link_text,
    part.title,
    part.kind,
    part.audience,
    part.audience IN ('students', 'both'),
    part.audience IN ('teachers', 'both'),
    coalesce(issuer, 'unknown'),
    try_cast(part.date AS DATE),
    year(try_cast(part.date AS DATE)),
    part.number,
    part.period_start,
    part.period_end,
    file_ext,
    text_source,
    least(confidence, part.confidence),
    base_columns,
    coalesce(appoints, []),
    [part_url]
FROM bundled
WHERE part.kind <> 'not_mentorship'
  AND (part.kind <> kind OR part.audience IS DISTINCT FROM audience);

-- Documents of the section whose text could not be read: they make a failed document rule
-- not_checked when the missing document may be among them. Their kind and audience come from
-- the link text alone, so an unknown audience may be either and an uninformative title
-- (kind_unknown) may be any document. A broken link (HTTP 4xx, or a link that is no web
-- address: bad_link) is not among them: the file is not there for parents either, so it is a
-- finding, not a doubt. An answer that refuses the crawler access (401, 403, 429:
-- crawler/fetch_outcomes.py, ACCESS_REFUSED) is a file not read, not a file missing.
CREATE OR REPLACE VIEW v_unreadable_documents AS
SELECT
    run_id,                                             -- run the facts belong to
    org_id,                                             -- organisation the section belongs to
    url,                                                -- document URL
    link_text,                                          -- text of the link to the document
    title,                                              -- title as far as the link tells it
    kind,                                               -- kind guessed from the link text
    kind IN ('other_mentorship', 'not_mentorship')
        OR coalesce(unread_pages, 0) > 0 AS kind_unknown,  -- the title tells nothing, or
                                                        -- ^ unread pages may hold anything
    audience,                                           -- audience guessed from the link text
    audience IN ('students', 'both', 'unknown') AS audience_students,  -- may concern pupils
    audience IN ('teachers', 'both', 'unknown') AS audience_teachers,  -- may concern teachers
    doc_date,                                           -- date, if the link text gives it
    year(doc_date) AS doc_year,                         -- year of the document
    doc_number,                                         -- number, if the link text gives it
    period_start,                                       -- first year, if the link text gives it
    period_end,                                         -- last year, if the link text gives it
    file_ext,                                           -- pdf | docx | doc | ... | html
    text_source,                                        -- none: nothing was read
    confidence,                                         -- classifier confidence, 0..1
    NULL::VARCHAR[] AS base_columns,                    -- a base's columns: unknown, not read
    []::VARCHAR[] AS appoints,                          -- roles appointed: not read
    fetch_status,                                       -- fetch outcome (ok when downloaded)
    extract_status,                                     -- ok | empty | failed | unsupported | ...
    extract_error,                                      -- why the extraction failed
    [url] AS evidence_urls                              -- the document URL
FROM documents
WHERE (fetch_status NOT IN ('ok', 'bad_link')
       AND NOT coalesce(http_status BETWEEN 400 AND 499
                        AND http_status NOT IN (401, 403, 429), false))
   OR extract_status IN ('failed', 'empty', 'unsupported')
   OR coalesce(unread_pages, 0) > 0;                  -- a long scan read in part

-- News items and announcements found in or linked from the section.
CREATE OR REPLACE VIEW v_news AS
SELECT
    run_id,                                             -- run the facts belong to
    org_id,                                             -- organisation the section belongs to
    url,                                                -- news item URL
    news_date,                                          -- publication date
    year(news_date) AS news_year,                       -- publication year
    title,                                              -- headline
    is_mentorship,                                      -- the item is about mentorship (ЦМН)
    audience,                                           -- students | teachers | both | unknown
    audience IN ('students', 'both') AS audience_students,  -- concerns pupils
    audience IN ('teachers', 'both') AS audience_teachers,  -- concerns teachers
    coalesce(for_parents, false) AS for_parents,        -- speaks to or of parents
    [url] AS evidence_urls                              -- the news item URL
FROM news;

-- Every link seen on the section's pages.
CREATE OR REPLACE VIEW v_links AS
SELECT
    run_id,                                             -- run the facts belong to
    org_id,                                             -- organisation the section belongs to
    page_url,                                           -- section page the link sits on
    url,                                                -- link target
    url_key(url) AS url_key,                            -- target reduced by url_key()
    text,                                               -- link text
    is_external,                                        -- target host differs from the site's
    is_document,                                        -- target is a document
    lower(coalesce(text, '') || ' ' || coalesce(try(url_decode(url)), url)) AS haystack,
                                                        -- ^ text and decoded URL, lower case
    [url] AS evidence_urls                              -- the link target
FROM links;

-- One row per organisation with the names of everything its section links and holds: what a
-- rule reads to see which levels of normative acts (federal, regional, municipal) are there.
CREATE OR REPLACE VIEW v_section_names AS
WITH named_links AS (
    SELECT run_id, org_id, is_document,
           lower(coalesce(text, '') || ' ' || coalesce(try(url_decode(url)), url)) AS name
    FROM links
), linked AS (
    SELECT run_id, org_id, string_agg(name, ' | ') AS names,
           -- A page link citing one act by its number or date («Распоряжение … от 25.12.2019
           -- № Р-145») is that act; a page that may collect acts names no single one.
           coalesce(string_agg(name, ' | ') FILTER (
               WHERE NOT is_document AND NOT regexp_matches(name, '№|\d{1,2}\.\d{1,2}\.\d{4}')
           ), '') AS page_names
    FROM named_links GROUP BY run_id, org_id
), held AS (
    SELECT run_id, org_id,
           string_agg(lower(coalesce(link_text, '') || ' ' || coalesce(title, '')), ' | ')
               AS names,
           list_distinct(list(coalesce(issuer, 'unknown'))) AS issuers
    FROM documents WHERE fetch_status = 'ok' GROUP BY run_id, org_id
)
SELECT
    o.run_id,                                           -- run the facts belong to
    o.org_id,                                           -- organisation the section belongs to
    o.url,                                              -- section, else home page
    coalesce(l.names, '') || ' | ' || coalesce(h.names, '') AS names,
                                                        -- ^ link texts, decoded link URLs,
                                                        --   document titles, lower case
    coalesce(l.page_names, '') AS page_names,           -- the same for links to pages that
                                                        -- ^ may collect acts (none cited by
                                                        --   its number or date)
    coalesce(h.issuers, []) AS issuers,                 -- issuers of the documents read
    [o.url] AS evidence_urls                            -- the section page
FROM v_orgs AS o
LEFT JOIN linked AS l USING (run_id, org_id)
LEFT JOIN held AS h USING (run_id, org_id);

-- Pairs of a roadmap of the section and a news item of the same organisation, with whether
-- the item falls within the roadmap's period (its years, else on or after its date).
CREATE OR REPLACE VIEW v_roadmap_news AS
SELECT
    d.run_id,                                           -- run the facts belong to
    d.org_id,                                           -- organisation the section belongs to
    d.url AS roadmap_url,                               -- roadmap document URL
    d.audience AS roadmap_audience,                     -- audience of the roadmap
    d.doc_date AS roadmap_date,                         -- date of the roadmap
    d.period_start,                                     -- first year the roadmap covers
    d.period_end,                                       -- last year the roadmap covers
    n.url,                                              -- news item URL
    n.news_date,                                        -- publication date of the news item
    n.is_mentorship AS news_is_mentorship,              -- the news item is about mentorship
    CASE
        WHEN n.news_date IS NULL THEN false
        WHEN d.period_start IS NOT NULL OR d.period_end IS NOT NULL
            THEN year(n.news_date) BETWEEN coalesce(d.period_start, d.period_end)
                AND coalesce(d.period_end, d.period_start)
        WHEN d.doc_date IS NOT NULL THEN n.news_date >= d.doc_date
        ELSE false
    END AS news_within_roadmap,                         -- dated within the roadmap's period
    [d.url, n.url] AS evidence_urls                     -- the roadmap and the news item
FROM v_documents AS d
JOIN v_news AS n USING (run_id, org_id)
WHERE d.kind = 'roadmap';

-- The pages of the section the crawler read (its root and sub-pages) with their titles, and
-- the section as the site's menu names it: a requirement for a sub-section («раздел «Ресурсный
-- центр наставнических практик»» inside «Наставничество») is met by the page of that name.
CREATE OR REPLACE VIEW v_section_pages AS
SELECT
    run_id,                                             -- run the facts belong to
    org_id,                                             -- organisation the section belongs to
    url,                                                -- page URL
    title,                                              -- the page's title
    is_section_root,                                    -- the section's own page
    [url] AS evidence_urls                              -- the page
FROM pages
UNION ALL
SELECT run_id, org_id, section_url, section_title, true, [section_url]
FROM sites
WHERE section_found;
