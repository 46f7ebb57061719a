"""Rules of conduct in a real crawl: private addresses guarded, robots.txt obeyed, nothing lost."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pytest
from support import LOCAL_CRAWL, ORDER, write_registry

from cmn_audit.config import init_workspace, load_workspace
from cmn_audit.demo.documents import pdf_bytes
from cmn_audit.pipeline.audit import run_audit
from crawler.run import crawl_settings, user_agent


def section_page(links: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    return (
        '<html><head><meta charset="utf-8"><title>Наставничество</title></head><body>'
        f"<main><h1>Наставничество</h1><ul>{items}</ul></main></body></html>"
    )


HOME = (
    '<html><head><meta charset="utf-8"><title>Школа</title></head><body>'
    '<nav><ul class="menu"><li><a href="/nastavnichestvo/">Наставничество</a></li></ul></nav>'
    "<main><h1>МБОУ «СОШ № 7»</h1></main></body></html>"
)


def audit(tmp_path, registry_site: str, allow_private: bool, name: str):
    init_workspace(
        tmp_path / name,
        overrides={"crawl": {**LOCAL_CRAWL, "allow_private_addresses": allow_private}},
    )
    workspace = load_workspace(tmp_path / name)
    registry = write_registry(tmp_path / f"{name}.csv", registry_site)
    outcome = run_audit(workspace, registry, echo=lambda _: None)
    con = duckdb.connect(str(workspace.db_path), read_only=True)
    documents = {
        row[0]: row[1:]
        for row in con.execute(
            "SELECT url, fetch_status, kind FROM documents WHERE run_id = ?", [outcome.run_id]
        ).fetchall()
    }
    con.close()
    return documents


@pytest.fixture
def sites(static_site):
    other = static_site({"secret.pdf": pdf_bytes(ORDER)})
    other_port = urlsplit(other).port
    secret = f"http://localhost:{other_port}/secret.pdf"
    school = static_site(
        {
            "index.html": HOME,
            "robots.txt": "User-agent: *\nDisallow: /closed/\n",
            "nastavnichestvo/index.html": section_page(
                [
                    ("/files/prikaz.pdf", "Приказ о внедрении ЦМН"),
                    ("/closed/plan.pdf", "Дорожная карта"),
                    (secret, "Приказ на внутреннем сервере"),
                ]
            ),
            "files/prikaz.pdf": pdf_bytes(ORDER),
            "closed/plan.pdf": pdf_bytes(ORDER),
        }
    )
    return school, secret


def test_discovered_private_address_is_blocked_and_recorded(tmp_path, sites):
    school, secret = sites
    documents = audit(tmp_path, school, allow_private=False, name="guarded")
    assert documents[secret][0] == "blocked_private"
    assert documents[school + "files/prikaz.pdf"] == ("ok", "order_implementation")


def test_private_addresses_allowed_by_config(tmp_path, sites):
    school, secret = sites
    documents = audit(tmp_path, school, allow_private=True, name="open")
    assert documents[secret] == ("ok", "order_implementation")


def test_robots_txt_is_obeyed_and_recorded(tmp_path, sites):
    school, _ = sites
    documents = audit(tmp_path, school, allow_private=False, name="robots")
    assert documents[school + "closed/plan.pdf"][0] == "robots"


def test_user_agent_names_the_purpose_and_the_centre_in_ascii():
    agent = user_agent("imc@example.ru")
    assert agent.isascii()
    assert agent.startswith("cmn-audit/") and "contact: imc@example.ru" in agent
    assert "mentorship" in agent


def test_http_cache_of_a_relative_workspace_stays_in_the_workspace(tmp_path, monkeypatch):
    """Scrapy would put a relative cache folder under ./.scrapy/, outside the workspace."""
    monkeypatch.chdir(tmp_path)
    init_workspace(Path("ws"))
    workspace = load_workspace(Path("ws"))
    job = {
        "crawl": asdict(workspace.crawl),
        "trusted_netlocs": [],
        "evidence_dir": "ws/evidence/files",
        "staging_path": "ws/staging.jsonl",
        "http_cache_dir": str(workspace.http_cache_dir),
    }
    cache = Path(crawl_settings(job)["HTTPCACHE_DIR"])
    assert cache.is_absolute() and cache == tmp_path / "ws" / "cache" / "http"
