"""The whole pipeline over real HTTP: the demo municipality crawled, read, audited, reported."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema
import pytest

from cmn_audit import messages
from crawler.discovery import score_link

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((ROOT / "docs" / "results.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def audited(demo_audit):
    """One real audit of the demo municipality, then a second one of the unchanged web."""
    return demo_audit


def rows(con, sql, *params):
    cursor = con.execute(sql, list(params))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def by_scenario(audited, scenario):
    return next(site for site in audited["sites"].values() if site.scenario == scenario)


def test_results_json_validates_and_covers_every_school(audited):
    results = json.loads(audited["first"].reports.results_json.read_text(encoding="utf-8"))
    jsonschema.validate(results, SCHEMA)
    assert {org["org_id"] for org in results["organisations"]} == set(audited["sites"])


def test_sections_found_where_they_are_and_only_there(audited):
    run_id = audited["first"].run_id
    found = {
        row["org_id"]: row["section_url"]
        for row in rows(
            audited["con"], "SELECT org_id, section_url FROM sites WHERE run_id = ?", run_id
        )
    }
    for org_id, site in audited["sites"].items():
        expected = site.expected_section.rstrip("/") if site.expected_section else None
        actual = found[org_id].rstrip("/") if found[org_id] else None
        assert actual == expected, org_id


def test_sections_and_news_are_named_by_their_own_headings(audited):
    """A template that heads every page with the school's name still shows «Реализация ЦМН»."""
    names = {
        row["org_id"]: row["section_title"]
        for row in rows(
            audited["con"],
            "SELECT org_id, section_title FROM sites WHERE run_id = ? AND section_found",
            audited["first"].run_id,
        )
    }
    assert names["oosh-zarechye"] == "Реализация ЦМН"
    assert all(score_link("", name).value > 0 for name in names.values()), names
    # News pages of the same template are named by their own heading, not the school's name.
    school_names = {site.name for site in audited["sites"].values()}
    news = rows(
        audited["con"], "SELECT org_id, title FROM news WHERE run_id = ?", audited["first"].run_id
    )
    assert news and not [row for row in news if row["title"] in school_names]


def score_and_level(audited, org_id):
    score = rows(
        audited["con"],
        "SELECT score, level FROM org_scores WHERE run_id = ? AND org_id = ?",
        audited["first"].run_id,
        org_id,
    )[0]
    return score["score"], score["level"]


def outcomes(audited, org_id):
    return {
        row["rule_id"]: row["outcome"]
        for row in rows(
            audited["con"],
            "SELECT rule_id, outcome FROM rule_results WHERE run_id = ? AND org_id = ?",
            audited["first"].run_id,
            org_id,
        )
    }


def test_complete_school_passes_every_rule(audited):
    site = by_scenario(audited, "complete")
    assert set(outcomes(audited, site.org_id).values()) == {"pass"}
    assert score_and_level(audited, site.org_id) == (100.0, "compliant")


def test_down_school_is_never_failed(audited):
    site = by_scenario(audited, "down")
    assert set(outcomes(audited, site.org_id).values()) == {"not_checked"}
    status = rows(
        audited["con"],
        "SELECT site_status, site_error FROM sites WHERE run_id = ? AND org_id = ?",
        audited["first"].run_id,
        site.org_id,
    )[0]
    assert status == {"site_status": "unreachable", "site_error": "connection_error"}


def test_kindergarten_is_held_to_the_teachers_requirements_only(audited):
    """The demo's kindergarten, crawled like the schools: the pupils' requirements are
    «не применимо», out of its score and its letter, «н/п» in the справка."""
    site = by_scenario(audited, "kindergarten")
    verdicts = outcomes(audited, site.org_id)
    excused = {rule for rule, outcome in verdicts.items() if outcome == "not_applicable"}
    assert excused == {"UI-03", "UI-05", "UI-07", "UI-10", "UI-14"}
    assert {verdicts[rule] for rule in ("UI-04", "UI-06", "UI-08", "UI-11", "UI-15")} == {"pass"}
    assert score_and_level(audited, site.org_id) == (100.0, "compliant")
    reports = audited["first"].reports
    letter = next(p for p in reports.letters_html if p.stem == site.org_id).read_text("utf-8")
    assert "обучающихся" not in letter.split("Размещено на сайте", 1)[-1]
    assert ">н/п<" in reports.reference_html.read_text("utf-8")


def test_school_without_section_fails_the_section_rule_with_tried_candidates(audited):
    site = by_scenario(audited, "no_section")
    assert outcomes(audited, site.org_id)["UI-01"] == "fail"
    evidence = rows(
        audited["con"],
        "SELECT evidence FROM rule_results WHERE run_id = ? AND org_id = ? AND rule_id = 'UI-01'",
        audited["first"].run_id,
        site.org_id,
    )[0]["evidence"]
    assert evidence == [site.url]


def test_expected_documents_found_and_classified(audited):
    documents = {
        (row["org_id"], row["url"]): row
        for row in rows(
            audited["con"], "SELECT * FROM documents WHERE run_id = ?", audited["first"].run_id
        )
    }
    checked = 0
    for site in audited["sites"].values():
        for expected in site.expected_documents:
            found = documents.get((site.org_id, expected.file_url))
            assert found is not None, (site.org_id, expected.file_url)
            if expected.fetch == "http_error":
                assert (found["fetch_status"], found["http_status"]) == ("http_error", 404)
                continue
            if expected.fetch != "ok" or expected.text_source == "none":
                assert found["extract_status"] != "ok" or found["text_source"] == "none", (
                    expected.file_url
                )
                continue
            assert found["text_source"] == expected.text_source, expected.file_url
            assert (found["kind"], found["audience"]) == (expected.kind, expected.audience), (
                expected.file_url
            )
            assert found["doc_date"] == expected.doc_date, expected.file_url
            assert found["doc_number"] == expected.number, expected.file_url
            checked += 1
    assert checked >= 15


def test_mentorship_news_found_with_their_dates(audited):
    news = {
        (row["org_id"], row["url"]): row
        for row in rows(
            audited["con"], "SELECT * FROM news WHERE run_id = ?", audited["first"].run_id
        )
    }
    expected_news = [
        (site.org_id, item) for site in audited["sites"].values() for item in site.expected_news
    ]
    assert expected_news
    for org_id, item in expected_news:
        found = news[(org_id, item.url)]
        assert found["is_mentorship"] and found["news_date"] == item.date, item.url


def test_every_stored_body_is_evidence_under_its_sha256(audited):
    store = audited["workspace"].evidence_dir / "files"
    hashes = rows(
        audited["con"],
        "SELECT DISTINCT sha256 FROM documents WHERE sha256 IS NOT NULL "
        "UNION SELECT DISTINCT sha256 FROM fetches WHERE sha256 IS NOT NULL",
    )
    assert len(hashes) > 20
    for row in hashes:
        path = store / row["sha256"][:2] / row["sha256"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"]


def test_every_response_status_recorded(audited):
    statuses = rows(
        audited["con"],
        "SELECT outcome, http_status FROM fetches WHERE run_id = ?",
        audited["first"].run_id,
    )
    assert {row["outcome"] for row in statuses} >= {"ok", "http_error", "connection_error"}
    assert all(row["http_status"] for row in statuses if row["outcome"] in ("ok", "http_error"))


def test_second_run_is_kept_apart_and_reads_nothing_twice(audited):
    con = audited["con"]
    runs = rows(con, "SELECT run_id, status FROM runs ORDER BY run_id")
    assert [r["status"] for r in runs] == ["complete", "complete"]
    first, second = audited["first"].run_id, audited["second"].run_id
    count = "SELECT count(*) AS n FROM documents WHERE run_id = ?"
    assert rows(con, count, first) == rows(con, count, second)
    first_run, second_run = audited["first"], audited["second"]
    assert first_run.from_cache == 0 < first_run.read_anew
    assert (second_run.read_anew, second_run.from_cache) == (0, first_run.read_anew)
    said = f"файлов прочитано заново: 0, взято из кэша прежних запусков: {second_run.from_cache}"
    assert any(said in line for line in audited["lines"])


def test_reports_exist_for_every_school(audited):
    reports = audited["first"].reports
    assert reports.reference_html.is_file() and reports.csv.is_file()
    assert {p.stem for p in reports.letters_docx} == set(audited["sites"])
    assert {p.stem for p in reports.letters_html} == set(audited["sites"])


def test_demo_prints_where_every_report_is(audited):
    # The first run of the shared audit went through `cmn-audit demo`'s audit_demo, which
    # also prints the evaluation table and the command's closing lines.
    lines = audited["lines"]
    assert any(line.startswith("Сравнение запуска") for line in lines)
    printed = dict(line.strip().split(": ", 1) for line in lines if ": /" in line)
    # Every output of issue 7 is produced for the demo municipality.
    for label in messages.REPORT_LABELS.values():
        assert Path(printed[label]).exists(), label
    reference = Path(printed[messages.REPORT_LABELS["reference"]])
    assert reference.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    letters = Path(printed[messages.REPORT_LABELS["letters_pdf"]])
    assert len(list(letters.glob("*.pdf"))) == len(list(letters.glob("*.docx"))) > 20
    results = next(reference.parent.glob("results.json"))
    jsonschema.validate(json.loads(results.read_text(encoding="utf-8")), SCHEMA)
    assert messages.DEMO_DONE.format(reference=reference.resolve()) in lines


def test_letter_names_broken_links_of_the_partial_school(audited):
    site = by_scenario(audited, "partial")
    letter = next(p for p in audited["first"].reports.letters_html if p.stem == site.org_id)
    text = letter.read_text(encoding="utf-8")
    broken = [d for d in site.expected_documents if d.fetch in ("http_error", "soft_error")]
    assert broken and "Неработающие ссылки" in text
    assert "сервер ответил ошибкой 404" in text
    assert "вместо файла открывается страница с ошибкой" in text
    from docx import Document

    docx = next(p for p in audited["first"].reports.letters_docx if p.stem == site.org_id)
    paragraphs = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "Неработающие ссылки" in paragraphs


def test_evaluation_against_the_truth_meets_the_bar(audited):
    from cmn_audit.evaluate.report import evaluate_run

    evaluation = evaluate_run(
        audited["workspace"].db_path, audited["truth_path"], audited["first"].run_id
    )
    assert evaluation.organisations >= 20
    assert evaluation.section_recall.value >= 0.95
    assert evaluation.section_precision.value >= 0.95
    assert evaluation.document_recall.value >= 0.95
    assert evaluation.kind_macro_f1 >= 0.90
    assert evaluation.rule_agreement.value >= 0.95


def test_two_demo_runs_in_one_workspace_agree_and_hold_nothing(audited):
    """The demo run twice: the second finds what the first did, says nothing collapsed, and
    its letters are ready to send with the deadline the demo sets."""
    from reports.history.runs import summarise_run

    con = audited["con"]
    first, second = audited["first"].run_id, audited["second"].run_id
    figures = [summarise_run(con, run).record() for run in (first, second)]
    for key in ("sites_checked", "sections_found", "documents", "levels", "share_compliant"):
        assert figures[0][key] == figures[1][key], key
    held = rows(con, "SELECT letters_held FROM runs WHERE run_id = ?", second)
    assert held == [{"letters_held": False}]
    assert not any("ВНИМАНИЕ" in line for line in audited["lines"])
    results = json.loads(audited["second"].reports.results_json.read_text(encoding="utf-8"))
    assert results["run"]["collapse"] is None
    said = f"Итоги: сайтов проверено {figures[1]['sites_checked']} из "
    assert sum(said in line for line in audited["lines"]) == 2
    deadline = audited["workspace"].audit.deadline
    failing = next(o for o in results["organisations"] if o["failed"])
    letter = next(p for p in audited["second"].reports.letters_html if p.stem == failing["org_id"])
    assert f"в срок до {deadline:%d.%m.%Y} г." in letter.read_text(encoding="utf-8")
    assert len(audited["second"].reports.emails) > 20  # drafts ready to send


def test_a_school_without_a_section_is_told_the_menu_pages_read(audited):
    site = by_scenario(audited, "no_section")
    letter = next(p for p in audited["first"].reports.letters_html if p.stem == site.org_id)
    text = " ".join(letter.read_text(encoding="utf-8").split())
    pages = text.split('class="candidates"')[1].split("</ul>")[0]
    assert pages.count("<li>") >= 5 and "Главная страница — " in pages
    # Each menu page named by its item on the home page, as a visitor sees it.
    assert any(word in pages for word in ("Документы", "Педагогам", "Сведения"))


# Schools whose documents and news are published beyond plain links (issue 15): in frames and
# viewers with news only in the feed, an old table-layout site, a one-page site, a K2 blog.
GROWN = ("sosh-vishnevka", "sosh-malinovka", "oosh-ryabinovka", "sosh-nikolskoe")


def test_grown_structures_are_read_where_they_are_published(audited):
    run_id, sites = audited["first"].run_id, audited["sites"]
    found_on = {
        (row["org_id"], row["url"]): row["found_on"]
        for row in rows(
            audited["con"], "SELECT org_id, url, found_on FROM documents WHERE run_id = ?", run_id
        )
    }
    framed = sites["sosh-vishnevka"]
    for doc in framed.expected_documents:
        # A frame's file is found on the section; a viewer's on its page, which is no document;
        # a file a card's form posts is found on the card, and the card's address is its own.
        shown_on = framed.expected_section if doc.url == doc.download_url else doc.url
        assert found_on[(framed.org_id, doc.file_url)] == shown_on, doc.file_url
        if doc.url != doc.file_url:
            assert (framed.org_id, doc.url) not in found_on, doc.url
    blog = sites["sosh-nikolskoe"]
    for doc in blog.expected_documents:
        where = found_on[(blog.org_id, doc.file_url)]
        attached = "/item/download/" in doc.file_url
        assert ("/item/" in where) if attached else (where == blog.expected_section), doc.file_url
    fetched = {
        (row["org_id"], row["url"])
        for row in rows(
            audited["con"],
            "SELECT org_id, url FROM fetches WHERE run_id = ? AND purpose = 'news'",
            run_id,
        )
    }
    assert (framed.org_id, framed.url + "feed/") in fetched
    old = sites["sosh-malinovka"]
    assert {(old.org_id, old.url + "zhizn-shkoly/"), (old.org_id, old.url + "2023/03/")} <= fetched

    from cmn_audit.evaluate.report import evaluate_run

    evaluation = evaluate_run(audited["workspace"].db_path, audited["truth_path"], run_id)
    assert [d.line for d in evaluation.disagreements if d.org_id in GROWN] == []


# Structures issue 15 item 7 grew the demo with: a frameset home, a «Быстрый переход»
# drop-down, a banner named by its `alt`, a sidebar menu of the section, a ZIP of programmes,
# a roadmap only a DOCX hyperlink leads to, an order printed as a page, news in a calendar,
# behind «Показать ещё» and in a month archive without dates.
GROWN_AGAIN = ("oosh-olkhovka", "sosh-krasny-yar", "sosh-malinovka", "sosh-vishnevka")
GROWN_AGAIN += ("oosh-ryabinovka", "sosh-nikolskoe")


def test_structures_grown_for_item_7_are_read_and_held_by_the_truth(audited):
    run_id, sites = audited["first"].run_id, audited["sites"]
    fetched = {
        (row["org_id"], row["purpose"], row["url"])
        for row in rows(
            audited["con"], "SELECT org_id, purpose, url FROM fetches WHERE run_id = ?", run_id
        )
    }
    framed = sites["oosh-olkhovka"]
    assert (framed.org_id, "home", framed.url + "menu.htm") in fetched
    grown = sites["sosh-krasny-yar"]
    sidebar = grown.url + "dokumenty/nastavnichestvo/prikazy-i-polozheniya/"
    assert (grown.org_id, "section", sidebar) in fetched
    found_on = {
        row["url"]: row["found_on"]
        for row in rows(
            audited["con"],
            "SELECT url, found_on FROM documents WHERE run_id = ? AND org_id = ?",
            run_id,
            grown.org_id,
        )
    }
    regulation = next(d for d in grown.expected_documents if d.file_url.endswith(".docx"))
    roadmap = next(d for d in grown.expected_documents if d.file_url.endswith("pedagogov.pdf"))
    assert found_on[roadmap.file_url] == regulation.file_url  # only the hyperlink leads there
    [archive] = [d for d in grown.expected_documents if d.file_ext == "zip"]
    parts = rows(
        audited["con"],
        "SELECT kind, audience FROM v_documents WHERE run_id = ? AND ? IN (url, part_of)",
        run_id,
        archive.file_url,
    )
    assert {(p["kind"], p["audience"]) for p in parts} >= {
        ("program", "students"),
        ("program", "teachers"),
    }
    calendar = sites["sosh-nikolskoe"]
    assert (calendar.org_id, "news", calendar.url + "index.php/novosti?month=2023-10") in fetched
    more = sites["oosh-ryabinovka"]
    assert (more.org_id, "news", more.url + "novosti/?page=2") in fetched

    from cmn_audit.evaluate.report import evaluate_run

    evaluation = evaluate_run(audited["workspace"].db_path, audited["truth_path"], run_id)
    assert [d.line for d in evaluation.disagreements if d.org_id in GROWN_AGAIN] == []
