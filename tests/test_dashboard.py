"""The static dashboard in real headless Chromium: figures, sorting, filtering, escaping, CSP."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from PIL import Image
from support import run_figures
from test_reports import written  # noqa: F401 - the module-scoped reports of a real store

from crawler.chromium import chromium_path
from reports.dashboard.pages import script_json, write_dashboard
from reports.messages import (
    DASHBOARD_TREND_TEXT,
    FOLLOW_UP_LABELS,
    LEVEL_LABELS,
    OUTCOME_LABELS,
)

ROOT = Path(__file__).resolve().parents[1]
RUN_ID = "20221026-090000"
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '"><img src=x onerror="window.__pwned=1">'
JS_URL = "javascript:window.__pwned=1"
HOSTILE_ID = 'h5"><img src=x onerror="window.__pwned=1">'
LEVELS = ("compliant", "partial", "non_compliant", "not_checked")
RULES = [
    # rule_id, title, severity, counted
    ("section", "Раздел «Наставничество» на сайте", "required", True),
    ("order_impl", "Приказ о внедрении ЦМН", "required", True),
    ("roadmap", "План реализации (дорожная карта) ЦМН", "required", True),
    ("order_pairs", "Приказы о закреплении наставнических пар/групп", "optional", False),
]


def _doc(url: str, **fields: Any) -> dict[str, Any]:
    document = {
        "url": url,
        "link_text": None,
        "found_on": None,
        "kind": "other_mentorship",
        "audience": "unknown",
        "title": None,
        "date": None,
        "number": None,
        "period_start": None,
        "period_end": None,
        "file_ext": "pdf",
        "content_type": "application/pdf",
        "size": 1000,
        "sha256": "ab" * 32,
        "text_source": "text",
        "fetch_status": "ok",
        "http_status": 200,
        "extract_status": "ok",
        "extract_error": None,
        "confidence": 0.9,
        "reasons": [],
        "ocr_confidence": None,
        "signed_by": None,
        "mentor_count": None,
        "pair_count": None,
        "events": [],
        "parts": [],
        "problems": [],
        "evidence": None,
    }
    document.update(fields)
    return document


def _evidence(*path: str) -> dict[str, Any]:
    return {
        "click_path": list(path),
        "record_id": "<urn:uuid:3f1c2a9e-0000-4000-8000-000000000001>",
        "captured_at": "2022-10-26T09:03:12",
        "sha256": "cd" * 32,
    }


def _outcome(rule_id: str, outcome: str, evidence=(), note=None, reason=None, computed=None):
    return {
        "rule_id": rule_id,
        "outcome": outcome,
        "evidence": list(evidence),
        "note": note,
        "overridden": reason is not None,
        "override_reason": reason,
        "computed_outcome": computed,
    }


def _org(org_id, short, site, status, level, score, outcomes, **extra) -> dict[str, Any]:
    counted = [o["outcome"] for o, r in zip(outcomes, RULES, strict=True) if r[3]]
    org = {
        "org_id": org_id,
        "name": f"Муниципальное общеобразовательное учреждение {short}",
        "short_name": short,
        "kind": "school",
        "municipality": "Усть-Ишимский муниципальный район",
        "site_url": site,
        "email": None,
        "head_name": None,
        "site": {
            "status": status,
            "error": None if status == "ok" else "timeout",
            "home_url": site if status == "ok" else None,
            "pages_crawled": 5,
        },
        "section": {"found": False, "url": None, "title": None, "candidates": []},
        "checked_in": {"run_id": RUN_ID, "audit_date": "2022-10-26"},
        "documents": [],
        "news": [],
        "links": [],
        "results": outcomes,
        "score": score,
        "level": level,
        "passed": counted.count("pass"),
        "failed": counted.count("fail"),
        "not_checked": counted.count("not_checked"),
    }
    org.update(extra)
    return org


def _section(url: str, title: str) -> dict[str, Any]:
    return {"found": True, "url": url, "title": title, "candidates": []}


def make_results() -> dict[str, Any]:
    """Five schools: complete, partial with a decision, site down, nothing, and a hostile one."""
    a, b = "http://orekh.example.ru/", "http://slob.example.ru/"
    h = "http://hostile.example.ru/"
    orgs = [
        _org(
            "s01",
            "МБОУ «Ореховская СОШ»",
            a,
            "ok",
            "compliant",
            100.0,
            [_outcome(r[0], "pass", [f"{a}nast/{r[0]}.pdf"]) for r in RULES],
            section=_section(f"{a}nast/", "Наставничество"),
            documents=[
                _doc(
                    f"{a}nast/order_impl.pdf",
                    title="Приказ о внедрении целевой модели наставничества",
                    kind="order_implementation",
                    audience="both",
                    date="2022-09-01",
                    number="41-од",
                    evidence=_evidence(a, f"{a}nast/", f"{a}nast/order_impl.pdf"),
                ),
                _doc(
                    f"{a}nast/roadmap.pdf",
                    title="Дорожная карта",
                    kind="roadmap",
                    date="2021-08-30",
                    number="7",
                ),
            ],
            news=[
                {
                    "url": f"{a}news/1",
                    "date": "2022-10-01",
                    "title": "Встреча наставников",
                    "is_mentorship": True,
                    "audience": "teachers",
                }
            ],
        ),
        _org(
            "s02",
            "МКОУ «Слободчиковская СОШ»",
            b,
            "ok",
            "partial",
            66.7,
            [
                _outcome("section", "pass", [f"{b}nastavnichestvo"]),
                _outcome(
                    "order_impl",
                    "pass",
                    reason="приказ размещён в разделе «Документы»",
                    computed="fail",
                ),
                _outcome("roadmap", "fail"),
                _outcome("order_pairs", "fail"),
            ],
            section=_section(f"{b}nastavnichestvo", "Целевая модель наставничества"),
            documents=[
                _doc(
                    f"{b}files/plan.pdf",
                    link_text="План мероприятий",
                    fetch_status="http_error",
                    http_status=404,
                    extract_status="not_downloaded",
                    sha256=None,
                ),
                _doc(
                    f"{b}files/polozhenie.pdf",
                    title="Положение о наставничестве",
                    kind="regulation",
                    audience="teachers",
                    problems=[
                        {
                            "code": "federal_act_wrong_date",
                            "title": "Федеральный документ указан с неверной датой",
                            "detail": "Р-145: указано «от 25.12.2020»",
                        }
                    ],
                ),
            ],
        ),
        _org(
            "s03",
            "МБОУ «Ярковская ООШ»",
            "http://yark.example.ru/",
            "unreachable",
            "not_checked",
            None,
            [
                _outcome(r[0], "not_checked", note="Сайт был недоступен во время мониторинга.")
                for r in RULES
            ],
        ),
        _org(
            "s04",
            "МКОУ «Большетавинская СОШ»",
            "http://btav.example.ru/",
            "ok",
            "non_compliant",
            0.0,
            [_outcome(r[0], "fail") for r in RULES],
        ),
        _org(
            HOSTILE_ID,
            f"СОШ {SCRIPT} {IMG}",
            h,
            "ok",
            "partial",
            50.0,
            [
                _outcome("section", "pass", [JS_URL, f"{h}nast"]),
                _outcome("order_impl", "fail", note=f"Примечание {IMG}"),
                _outcome("roadmap", "not_checked", note=f"Файл {SCRIPT} не прочитан"),
                _outcome("order_pairs", "pass", reason=f"проверено {SCRIPT}", computed="fail"),
            ],
            name=f"Школа {IMG}",
            section=_section(JS_URL, f"Раздел {SCRIPT}{IMG}"),
            documents=[
                _doc(
                    JS_URL,
                    title=f"Приказ {SCRIPT}",
                    link_text=IMG,
                    number=IMG,
                    evidence=_evidence(h, JS_URL),
                    problems=[{"code": "x", "title": "Замечание", "detail": f"Деталь {IMG}"}],
                ),
                _doc(f"{h}files/2.pdf", title=f"Положение {IMG}", kind="regulation"),
            ],
            news=[
                {
                    "url": JS_URL,
                    "date": None,
                    "title": f"Новость {IMG}",
                    "is_mentorship": True,
                    "audience": "unknown",
                }
            ],
        ),
    ]
    for org in orgs:
        org["history"] = [
            {
                "run_id": RUN_ID,
                "audit_date": "2022-10-26",
                "score": org["score"],
                "level": org["level"],
            }
        ]
        org["follow_up"] = []
    results = {
        "schema_version": "1.0",
        "run": {
            "run_id": RUN_ID,
            "status": "complete",
            "started_at": "2022-10-26T09:00:00",
            "finished_at": "2022-10-26T09:07:00",
            "audit_date": "2022-10-26",
            "profile": {"id": "ust_ishim_2022", "version": "1"},
            "municipality": "Усть-Ишимский муниципальный район",
            "registry_path": "seeds/ust_ishim.csv",
            "counts": {
                "organisations": len(orgs),
                "rules": len(RULES),
                "sites": {
                    key: sum(o["site"]["status"] == key for o in orgs)
                    for key in ("ok", "incomplete", "unreachable", "error")
                },
                "sites_checked": sum(o["site"]["status"] == "ok" for o in orgs),
                "sections_found": sum(o["section"]["found"] for o in orgs),
                "documents": sum(len(o["documents"]) for o in orgs),
                "news": sum(len(o["news"]) for o in orgs),
                "levels": {key: sum(o["level"] == key for o in orgs) for key in LEVELS},
            },
        },
        "rules": [
            {
                "rule_id": rule_id,
                "position": position,
                "title": title,
                "section": None,
                "severity": severity,
                "basis": "published",
                "counted": counted,
                "weight": 1.0,
                "recommendation": f"Разместить: {title}.",
                "source": {"id": "let62", "title": "Письмо № 62 от 26.10.2022", "quote": "…"},
            }
            for position, (rule_id, title, severity, counted) in enumerate(RULES)
        ],
        "organisations": orgs,
        "follow_up": None,
    }
    results["history"] = [
        {
            "run_id": results["run"]["run_id"],
            "audit_date": results["run"]["audit_date"],
            **run_figures(results),
        }
    ]
    return results


def _percent(value: float | None) -> str:
    """The way a share is printed: one decimal, decimal comma, no trailing «,0»."""
    if value is None:
        return "—"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "\u00a0%"


@dataclass
class Watch:
    """What a page did that it should not: errors, requests off the file system, dialogs."""

    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    network: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert (self.console, self.errors, self.failed, self.network, self.dialogs) == (
            [],
            [],
            [],
            [],
            [],
        )


@pytest.fixture
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright; one per test so report fixtures may print PDFs."""
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium is not installed (/usr/bin/chromium or CMN_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, headless=True)
        yield launched
        launched.close()


def open_page(browser, url: str, **options) -> tuple[Any, Watch]:
    """A fresh page that records errors and refuses every request off the file system."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}, **options).new_page()
    watch = Watch()
    page.on("console", lambda m: watch.console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    page.on("requestfailed", lambda request: watch.failed.append(request.url))

    def dialog(d) -> None:
        watch.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)

    def refuse(route) -> None:
        watch.network.append(route.request.url)
        route.abort()

    page.route(re.compile(r"^(?!file:)"), refuse)
    if url:
        page.goto(url, wait_until="load")
    return page, watch


def check_schema(results: dict[str, Any]) -> None:
    """The fixture is a results.json the pipeline could write (docs/results.schema.json)."""
    schema = json.loads((ROOT / "docs" / "results.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(results, schema)


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory) -> tuple[dict[str, Any], Path]:
    results = make_results()
    check_schema(results)
    index = write_dashboard(results, tmp_path_factory.mktemp("dash"))
    return results, index


def figure(page, name: str) -> str:
    return page.locator(f'[data-figure="{name}"]').first.text_content().strip()


def row_ids(page, table: str, attribute: str, visible_only: bool = False) -> list[str]:
    return page.eval_on_selector_all(
        f'table[data-table="{table}"] tbody tr',
        "(rows, [attr, visible]) => rows.filter(r => !visible || !r.hidden)"
        ".map(r => r.getAttribute(attr))",
        [attribute, visible_only],
    )


def test_script_json_cannot_close_its_element():
    value = {"text": "</script><!-- & \u2028\u2029 ' \"", "n": [1, None]}
    encoded = str(script_json(value))
    assert not set("<>&\u2028\u2029") & set(encoded)
    assert json.loads(encoded) == value


def test_overview_shows_the_figures_of_results(dashboard, browser):
    results, index = dashboard
    orgs = results["organisations"]
    page, watch = open_page(browser, index.as_uri())
    assert figure(page, "schools") == str(len(orgs))
    checked = sum(1 for org in orgs if org["level"] != "not_checked")
    for level in LEVELS:
        count = sum(1 for org in orgs if org["level"] == level)
        assert figure(page, f"level-{level}") == str(count)
        # Shares of the schools checked, the definition `history` and the справка use.
        share = "" if level == "not_checked" else _percent(round(100 * count / checked, 1))
        assert figure(page, f"level-share-{level}") == share
    scores = [org["score"] for org in orgs if org["score"] is not None]
    assert figure(page, "mean-score") == _percent(round(sum(scores) / len(scores), 1))
    assert figure(page, "sections-found") == str(sum(o["section"]["found"] for o in orgs))
    for rule in results["rules"]:
        outcomes = [
            item["outcome"]
            for org in orgs
            for item in org["results"]
            if item["rule_id"] == rule["rule_id"]
        ]
        passed, failed = outcomes.count("pass"), outcomes.count("fail")
        row = page.locator(f'table.criteria tr[data-rule-id="{rule["rule_id"]}"]')
        assert row.locator('[data-figure="passed"]').text_content() == str(passed)
        assert row.locator('[data-figure="failed"]').text_content() == str(failed)
        assert row.locator('[data-figure="share"]').text_content() == _percent(
            round(100 * passed / (passed + failed), 1)
        )
    # The charts draw the same figures: one bar per level and per criterion, widths in proportion.
    bars = page.locator("svg.criteria g[data-bar] rect.value")
    assert bars.count() == len(results["rules"])
    widths = [float(bars.nth(i).get_attribute("width")) for i in range(bars.count())]
    assert widths[0] > widths[2] > 0  # section: 3 of 4 checked schools; roadmap: 1 of 3
    assert page.locator("section.history").count() == 0  # no earlier runs in these results
    watch.assert_clean()


def test_search_reads_yo_and_ye_as_one_letter(tmp_path, browser):
    results = make_results()
    results["organisations"][0]["short_name"] = "МБОУ «Берёзовская СОШ»"
    page, watch = open_page(browser, write_dashboard(results, tmp_path).as_uri())
    search = page.locator('[data-controls-for="schools"] input[data-search]')
    for typed in ("березовская", "БЕРЁЗОВСКАЯ", "Берёз"):
        search.fill(typed)
        assert row_ids(page, "schools", "data-org-id", visible_only=True) == ["s01"], typed
    watch.assert_clean()


def test_schools_table_sorts_and_filters(dashboard, browser):
    results, index = dashboard
    orgs = results["organisations"]
    page, watch = open_page(browser, index.as_uri())
    controls = page.locator('[data-controls-for="schools"]')
    assert controls.is_visible()
    registry_order = [org["org_id"] for org in orgs]
    assert row_ids(page, "schools", "data-org-id") == registry_order

    score_header = page.locator('table[data-table="schools"] thead th', has_text="Итоговый балл")
    score_header.locator("button").click()
    ascending = sorted(orgs, key=lambda o: (o["score"] is None, o["score"] or 0))
    assert row_ids(page, "schools", "data-org-id") == [o["org_id"] for o in ascending]
    assert score_header.get_attribute("aria-sort") == "ascending"
    score_header.locator("button").click()
    scored = sorted((o for o in orgs if o["score"] is not None), key=lambda o: -o["score"])
    unscored = [o for o in orgs if o["score"] is None]
    assert row_ids(page, "schools", "data-org-id") == [o["org_id"] for o in scored + unscored]
    assert score_header.get_attribute("aria-sort") == "descending"

    search = controls.locator("input[data-search]")
    search.fill("ЯРКОВ")
    assert row_ids(page, "schools", "data-org-id", visible_only=True) == ["s03"]
    assert controls.locator("[data-count]").text_content() == f"Показано строк: 1 из {len(orgs)}"
    search.fill("дорожная карта")  # a failed criterion's title finds the schools that failed it
    failing = {
        o["org_id"]
        for o in orgs
        for item in o["results"]
        if item["rule_id"] == "roadmap" and item["outcome"] == "fail"
    }
    assert set(row_ids(page, "schools", "data-org-id", visible_only=True)) == failing
    search.fill("")
    controls.locator("select[data-filter=level]").select_option("partial")
    partial = {o["org_id"] for o in orgs if o["level"] == "partial"}
    assert set(row_ids(page, "schools", "data-org-id", visible_only=True)) == partial
    search.fill("слобод")
    assert row_ids(page, "schools", "data-org-id", visible_only=True) == ["s02"]
    watch.assert_clean()


def test_school_page_opened_from_the_overview(dashboard, browser):
    results, index = dashboard
    org = next(o for o in results["organisations"] if o["org_id"] == "s02")
    page, watch = open_page(browser, index.as_uri())
    page.locator('tr[data-org-id="s02"] a').click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/dashboard/schools/s02.html")
    assert figure(page, "name") == org["short_name"]
    assert figure(page, "level") == LEVEL_LABELS[org["level"]]
    assert figure(page, "score") == _percent(org["score"])
    for key, name in (("passed", "passed"), ("failed", "failed"), ("not_checked", "not-checked")):
        assert figure(page, name) == str(org[key])
    assert row_ids(page, "verdicts", "data-rule-id") == [item["rule_id"] for item in org["results"]]
    assert row_ids(page, "verdicts", "data-outcome") == [item["outcome"] for item in org["results"]]
    decided = page.locator('tr[data-rule-id="order_impl"]')
    assert decided.locator('[data-figure="outcome"]').text_content() == OUTCOME_LABELS["pass"]
    assert "решение методиста: приказ размещён в разделе «Документы»" in decided.inner_text()
    roadmap = page.locator('tr[data-rule-id="roadmap"]').inner_text()
    assert "Разместить: План реализации (дорожная карта) ЦМН." in roadmap
    # Findings: the 404 link and the document's wrong act date.
    assert "сервер ответил ошибкой 404" in page.locator("ul.broken").inner_text()
    assert "Р-145: указано «от 25.12.2020»" in page.locator("ul.remarks").inner_text()
    # Filters and sorting on the school's own tables.
    controls = page.locator('[data-controls-for="verdicts"]')
    controls.locator("select[data-filter=outcome]").select_option("fail")
    failed = [item["rule_id"] for item in org["results"] if item["outcome"] == "fail"]
    assert row_ids(page, "verdicts", "data-rule-id", visible_only=True) == failed
    documents = page.locator('table[data-table="documents"] tbody tr')
    assert documents.count() == len(org["documents"])
    by_title = page.locator('table[data-table="documents"] thead th', has_text="Документ")
    by_title.locator("button").click()
    assert documents.first.inner_text().startswith("План мероприятий")
    by_title.locator("button").click()
    assert documents.first.inner_text().startswith("Положение о наставничестве")
    page.locator("header a", has_text="Все образовательные организации").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/dashboard/index.html")
    watch.assert_clean()


def test_unchecked_site_and_evidence_are_shown_as_such(dashboard, browser):
    results, index = dashboard
    pages = index.parent / "schools"
    page, watch = open_page(browser, (pages / "s03.html").as_uri())
    outcomes = page.locator('[data-figure="outcome"]').all_text_contents()
    assert outcomes == [OUTCOME_LABELS["not_checked"]] * len(results["rules"])
    assert figure(page, "site-status").startswith("Сайт недоступен: сервер не ответил")
    page.goto((pages / "s01.html").as_uri(), wait_until="load")
    copy_cell = page.locator('table[data-table="documents"] tbody tr').first.inner_text()
    assert "26.10.2022 09:03:12 UTC" in copy_cell
    assert "cd" * 32 in copy_cell
    path = page.locator('table[data-table="documents"] tbody tr').first.locator(".path a")
    assert path.evaluate_all("links => links.map(a => a.href)") == [
        "http://orekh.example.ru/",
        "http://orekh.example.ru/nast/",
        "http://orekh.example.ru/nast/order_impl.pdf",
    ]
    assert (
        "не сохранялась"
        in page.locator('table[data-table="documents"] tbody tr').nth(1).inner_text()
    )
    watch.assert_clean()


def test_every_page_loads_cleanly_and_the_overview_screenshots(dashboard, browser, tmp_path):
    results, index = dashboard
    pages = sorted((index.parent / "schools").glob("*.html"))
    assert len(pages) == len(results["organisations"])
    page, watch = open_page(browser, "")
    for path in [index, *pages]:
        page.goto(path.as_uri(), wait_until="load")
        assert page.locator("table[data-table]").count() >= 1
    watch.assert_clean()
    page.goto(index.as_uri(), wait_until="load")
    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(shot) as image:
        assert image.width == 1280 and image.height > 900
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # text, charts and badges, not a blank page


def visit_overview_and_hostile_school(page, index: Path):
    """Open the overview, then the hostile school's page: neither carries live markup or runs
    the planted script. Yields each page's source, the browser left on that page."""
    hostile = next(p for p in (index.parent / "schools").glob("*.html") if "pwned" in p.name)
    for path in (index, hostile):
        raw = path.read_text(encoding="utf-8")
        assert "<img" not in raw and "<script>window" not in raw
        page.goto(path.as_uri(), wait_until="load")
        assert page.evaluate("() => window.__pwned") is None
        assert page.locator("img").count() == 0
        yield raw


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_hostile_site_text_is_shown_never_run(dashboard, browser, bypass_csp):
    """Escaping alone must hold (CSP bypassed), and the CSP must not break the page."""
    results, index = dashboard
    page, watch = open_page(browser, "", bypass_csp=bypass_csp)
    for raw in visit_overview_and_hostile_school(page, index):
        assert raw.count("<script") == raw.count("</script>")
        hrefs = page.eval_on_selector_all(
            "a[href]", "links => links.map(a => a.getAttribute('href'))"
        )
        assert not [h for h in hrefs if not re.match(r"(https?://|\.\./|schools/)", h)], hrefs
        text = page.locator("body").inner_text()
        assert SCRIPT in text and IMG in text
    # The document behind a javascript: address is named as plain text, not linked.
    assert f"Приказ {SCRIPT}" in text
    assert page.locator("a", has_text="Приказ <script>").count() == 0
    assert page.locator("td", has_text="Приказ <script>").count() == 1
    # The hostile text survives the JSON the script reads: searching for it finds its row.
    page.goto(index.as_uri(), wait_until="load")
    page.locator('[data-controls-for="schools"] input[data-search]').fill("<script>window")
    assert row_ids(page, "schools", "data-org-id", visible_only=True) == [HOSTILE_ID]
    assert page.evaluate("() => window.__pwned") is None
    watch.assert_clean()


def test_content_security_policy_admits_only_the_page_script(dashboard, browser):
    _, index = dashboard
    raw = index.read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', raw).group(1)
    policy = policy.replace("&#39;", "'")
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    inline = re.search(r"<script>(.*?)</script>", raw, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    page, watch = open_page(browser, index.as_uri())
    watch.assert_clean()  # the page's own script and style were admitted
    page.evaluate(
        """() => {
        const script = document.createElement("script");
        script.textContent = "window.__injected = 1";
        document.body.append(script);
        const button = document.createElement("button");
        button.setAttribute("onclick", "window.__injected = 2");
        document.body.append(button);
        button.click();
    }"""
    )
    assert page.evaluate("() => window.__injected") is None
    assert watch.console and all("Content Security Policy" in m for m in watch.console)


def test_trend_block_appears_when_results_carry_history(dashboard, browser, tmp_path):
    results = copy.deepcopy(dashboard[0])
    results["history"] = [
        {
            "run_id": "20220418-100000",
            "audit_date": "2022-04-18",
            "share_compliant": 10.0,
            "mean_score": 31.5,
        },
        {"run_id": RUN_ID, "audit_date": "2022-10-26", "share_compliant": 25.0, "mean_score": 54.2},
    ]
    page, watch = open_page(browser, write_dashboard(results, tmp_path).as_uri())
    rows = page.locator("table.history tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).inner_text().split("\t") == [
        "18.04.2022",
        "20220418-100000",
        "10\u00a0%",
        "31,5\u00a0%",
    ]
    assert page.locator("svg.trend circle.share").count() == 2
    ys = [float(c.get_attribute("cy")) for c in page.locator("svg.trend circle.share").all()]
    assert ys[0] > ys[1]  # a higher share is drawn higher
    results["history"] = results["history"][-1:]  # this run alone: no trend to show
    page.goto(write_dashboard(results, tmp_path).as_uri(), wait_until="load")
    assert page.locator("section.history").count() == 0
    watch.assert_clean()


def test_write_reports_writes_the_dashboard(written, browser):  # noqa: F811 - pytest fixture
    _, paths = written
    results = json.loads(paths.results_json.read_text(encoding="utf-8"))
    assert paths.dashboard == paths.results_json.parent / "dashboard" / "index.html"
    page, watch = open_page(browser, paths.dashboard.as_uri())
    assert figure(page, "schools") == str(len(results["organisations"]))
    for level, count in results["run"]["counts"]["levels"].items():
        if count:
            assert figure(page, f"level-{level}") == str(count)
    page.locator("table[data-table=schools] tbody a").first.click()
    page.wait_for_load_state("load")
    first = results["organisations"][0]
    assert figure(page, "level") == LEVEL_LABELS[first["level"]]
    letters = page.locator("dd", has_text="DOCX").locator("a")
    assert "DOCX" in letters.all_text_contents()
    watch.assert_clean()


EARLIER_RUNS = (("20220418-100000", "2022-04-18"), ("20220718-100000", "2022-07-18"))
# Per school: score and level in the two earlier runs (s03 was never checked before).
EARLIER_SCORES = {
    "s01": ((40.0, "partial"), (80.0, "partial")),
    "s02": ((None, "not_checked"), (33.3, "partial")),
    "s04": ((0.0, "non_compliant"), (0.0, "non_compliant")),
    HOSTILE_ID: ((25.0, "partial"), (50.0, "partial")),
}
# What became of the findings of the letters of 18.07.2022: (org, rule, title, status, days).
FOLLOW_UP = [
    ("s01", "section", RULES[0][1], "fixed", 100),
    ("s01", "order_impl", RULES[1][1], "fixed", 100),
    ("s02", "order_impl", RULES[1][1], "fixed", 100),
    ("s02", "roadmap", RULES[2][1], "not_fixed", None),
    ("s03", "section", RULES[0][1], "not_checked", None),
    ("s04", "section", RULES[0][1], "not_fixed", None),
    (HOSTILE_ID, "section", f"Раздел {SCRIPT}{IMG}", "fixed", 1),
    (HOSTILE_ID, "order_impl", f"Приказ {IMG}", "not_fixed", None),
]


def with_history(results: dict[str, Any]) -> dict[str, Any]:
    """Three runs: two earlier ones in the history, and the letters of the second followed up."""
    results = copy.deepcopy(results)
    earlier = [
        {
            "run_id": run_id,
            "audit_date": day,
            "schools": 5,
            "checked": 4,
            "levels": {"compliant": 0, "partial": 3, "non_compliant": 1, "not_checked": 1},
            "share_compliant": 0.0,
            "mean_score": mean,
            "criteria": criteria,
        }
        for (run_id, day), mean, criteria in zip(
            EARLIER_RUNS,
            (21.7, 40.8),
            (
                {"section": 25.0, "order_impl": 0.0, "roadmap": None, "order_pairs": 0.0},
                {"section": 50.0, "order_impl": 25.0, "roadmap": 33.3, "order_pairs": 25.0},
            ),
            strict=True,
        )
    ]
    results["history"] = [*earlier, *results["history"]]
    items = [
        {
            "org_id": org_id,
            "rule_id": rule_id,
            "title": title,
            "status": status,
            "status_label": FOLLOW_UP_LABELS[status],
            "days_to_fix": days,
        }
        for org_id, rule_id, title, status, days in FOLLOW_UP
    ]
    results["follow_up"] = {
        "earlier_run_id": EARLIER_RUNS[1][0],
        "earlier_date": EARLIER_RUNS[1][1],
        "letter_date": "2022-07-20",
        "deadline": "2022-09-01",
        "deadline_passed": True,
        "counts": {key: sum(i["status"] == key for i in items) for key in FOLLOW_UP_LABELS},
        "items": items,
    }
    for org in results["organisations"]:
        before = [
            {"run_id": run_id, "audit_date": day, "score": score, "level": level}
            for (run_id, day), (score, level) in zip(
                EARLIER_RUNS, EARLIER_SCORES.get(org["org_id"], ()), strict=False
            )
        ]
        org["history"] = [*before, *org["history"]]
        org["follow_up"] = [item for item in items if item["org_id"] == org["org_id"]]
    return results


@pytest.fixture(scope="module")
def history_dashboard(dashboard, tmp_path_factory) -> tuple[dict[str, Any], Path]:
    results = with_history(dashboard[0])
    check_schema(results)
    return results, write_dashboard(results, tmp_path_factory.mktemp("history"))


def _date(iso: str) -> str:
    return ".".join(reversed(iso.split("-")))


def cells(page, selector: str) -> list[list[str]]:
    return page.eval_on_selector_all(
        f"{selector} tbody tr",
        "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent.trim()))",
    )


def test_overview_shows_the_trends_and_follow_up_of_results(history_dashboard, browser):
    results, index = history_dashboard
    page, watch = open_page(browser, index.as_uri())
    runs = results["history"]
    assert cells(page, "table.history") == [
        [
            _date(r["audit_date"]),
            r["run_id"],
            _percent(r["share_compliant"]),
            _percent(r["mean_score"]),
        ]
        for r in runs
    ]
    circles = page.locator("svg.trend circle.mean")
    assert circles.count() == len(runs)
    ys = [float(circles.nth(i).get_attribute("cy")) for i in range(len(runs))]
    assert ys == sorted(ys, reverse=True)  # the mean score rose run by run: drawn ever higher

    # Per criterion: one column per run, the shares of results["history"][*]["criteria"].
    assert page.locator("table.criteria-trend thead th[data-run-id]").all_text_contents() == [
        _date(r["audit_date"]) for r in runs
    ]
    rows = cells(page, "table.criteria-trend")
    assert [row[1:] for row in rows] == [
        [_percent(r["criteria"][rule["rule_id"]]) for r in runs] for rule in results["rules"]
    ]
    for rule in results["rules"]:
        group = page.locator(f'svg.criteria-trend g[data-rule-id="{rule["rule_id"]}"]')
        widths = [
            float(w)
            for w in group.locator("rect.value").evaluate_all(
                "rects => rects.map(r => r.getAttribute('width'))"
            )
        ]
        shares = [r["criteria"][rule["rule_id"]] or 0 for r in runs]
        assert widths == pytest.approx([640 * share / 100 for share in shares], abs=0.1)

    # Follow-up: the counts of results["follow_up"], and per school those of its items.
    counts = results["follow_up"]["counts"]
    assert counts == {"fixed": 4, "not_fixed": 3, "not_checked": 1}
    for status, count in counts.items():
        assert figure(page, f"follow-up-{status}") == str(count)
    assert DASHBOARD_TREND_TEXT["follow_up"] in page.locator("section.follow-up h2").inner_text()
    lead = page.locator("section.follow-up p").first.inner_text()
    assert lead == (
        "Замечания направлены по итогам мониторинга от 18.07.2022 (письма от 20.07.2022); "
        "срок устранения — до 01.09.2022 г. (истёк)."
    )
    table = page.locator("table.follow-up tbody tr")
    expected = {}
    for org_id, _, _, status, _ in FOLLOW_UP:
        expected.setdefault(org_id, dict.fromkeys(FOLLOW_UP_LABELS, 0))[status] += 1
    shown = table.evaluate_all(
        "rows => rows.map(r => [r.getAttribute('data-org-id'), "
        "Array.from(r.querySelectorAll('td[data-status]')).map(c => Number(c.textContent))])"
    )
    assert shown == [[org_id, list(tally.values())] for org_id, tally in expected.items()]
    watch.assert_clean()


def test_school_page_shows_its_score_over_runs_and_its_follow_up(history_dashboard, browser):
    results, index = history_dashboard
    org = next(o for o in results["organisations"] if o["org_id"] == "s02")
    page, watch = open_page(browser, (index.parent / "schools" / "s02.html").as_uri())
    assert cells(page, "table.score-history") == [
        [_date(h["audit_date"]), h["run_id"], _percent(h["score"]), LEVEL_LABELS[h["level"]]]
        for h in org["history"]
    ]
    bars = page.locator("svg.score-trend g[data-run-id]")
    assert bars.evaluate_all("gs => gs.map(g => g.getAttribute('data-run-id'))") == [
        h["run_id"] for h in org["history"]
    ]
    heights = [
        float(h)
        for h in bars.locator("rect.value").evaluate_all(
            "rects => rects.map(r => r.getAttribute('height'))"
        )
    ]
    # 140 px of plot for 100 %: no bar for a run not checked, then 33,3 % and 66,7 %.
    assert heights == pytest.approx([0.0, 140 * 0.333, 140 * 0.667], abs=0.1)
    assert bars.locator('[data-figure="score-bar"]').all_text_contents() == [
        _percent(h["score"]) for h in org["history"]
    ]
    rows = page.locator("table.follow-up tbody tr")
    assert rows.evaluate_all(
        "rows => rows.map(r => [r.getAttribute('data-rule-id'), r.getAttribute('data-status')])"
    ) == [[item["rule_id"], item["status"]] for item in org["follow_up"]]
    assert cells(page, "table.follow-up") == [
        ["1", RULES[1][1], "исправлено", "100 дней"],
        ["2", RULES[2][1], "не исправлено", "—"],
    ]
    assert "(письмо от 20.07.2022)" in page.locator("section.follow-up p").first.inner_text()

    # A school the earlier letters asked nothing of says so; one run alone draws no chart.
    page.goto((index.parent / "schools" / "s03.html").as_uri(), wait_until="load")
    assert page.locator("section.score-history").count() == 0
    assert cells(page, "table.follow-up") == [["1", RULES[0][1], "не проверено", "—"]]
    watch.assert_clean()


def test_first_run_shows_no_trend_and_no_follow_up(dashboard, browser):
    results, index = dashboard
    assert len(results["history"]) == 1 and results["follow_up"] is None
    page, watch = open_page(browser, index.as_uri())
    for block in ("section.history", "section.criteria-trend", "section.follow-up"):
        assert page.locator(block).count() == 0, block
    page.goto((index.parent / "schools" / "s02.html").as_uri(), wait_until="load")
    assert page.locator("section.score-history, section.follow-up").count() == 0
    watch.assert_clean()


def test_school_without_earlier_findings_says_so(history_dashboard, browser, tmp_path):
    results = copy.deepcopy(history_dashboard[0])
    results["organisations"][0]["follow_up"] = []
    index = write_dashboard(results, tmp_path)
    page, watch = open_page(browser, (index.parent / "schools" / "s01.html").as_uri())
    section = page.locator("section.follow-up")
    assert section.locator("table").count() == 0
    assert DASHBOARD_TREND_TEXT["follow_up_none"] in section.inner_text()
    watch.assert_clean()


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_hostile_follow_up_titles_stay_inert(history_dashboard, browser, bypass_csp):
    _, index = history_dashboard
    page, watch = open_page(browser, "", bypass_csp=bypass_csp)
    for raw in visit_overview_and_hostile_school(page, index):
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', raw).group(1)
        inline = re.search(r"<script>(.*?)</script>", raw, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy.replace("&#39;", "'")
    # The school's own follow-up, its hostile titles as text; its name in the overview's table.
    titles = page.locator("table.follow-up tbody tr td:nth-child(2)").all_text_contents()
    assert titles == [f"Раздел {SCRIPT}{IMG}", f"Приказ {IMG}"]
    page.goto(index.as_uri(), wait_until="load")
    name = page.locator(f"table.follow-up tr[data-org-id='{HOSTILE_ID}'] a").inner_text()
    assert name == f"СОШ {SCRIPT} {IMG}"
    assert page.evaluate("() => window.__pwned") is None
    watch.assert_clean()
