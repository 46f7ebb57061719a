"""School N of the synthetic region: one of the demo's 30 sites, renamed, its documents grown.

Every school is a copy of a demo archetype (the hand-made sites and the recipe schools, in
order), so the region has the demo's structures in its proportions: builders, section
placements, cards, file hosts, and its 10 % of sites that are down or slow. Each copy gets
a village of its own, so every document's text, and so its SHA-256, is its own and nothing
is read from the extraction cache of another school. Text PDFs get annex pages and two
documents become scans, to the issue's averages (about 30 text-PDF and 10 scanned pages per
school that publishes documents). Everything is a pure function of the index.
"""

from __future__ import annotations

import copy
import dataclasses
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from cmn_audit.demo.documents import NEW_PAGE
from cmn_audit.demo.recipes import expand_recipes
from cmn_audit.demo.spec import (
    SEEDS_DIR,
    DocumentEntry,
    MunicipalitySpec,
    SiteSpec,
    load_municipality,
    site_from_raw,
)

# Text-PDF and scanned pages a school with documents aims at; schools without any (down, no
# section) bring the region's average close to the 30 and 10.
TEXT_PDF_PAGES = 33
SCANNED_PAGES = 10
SCANS_PER_SCHOOL = 2
MAX_PAGES_PER_DOCUMENT = 12  # crawler/extract/ocr.py reads at most 12 pages of a scan
ROOTS = [
    "Берёзовка",
    "Ольховка",
    "Сосновка",
    "Рябиновка",
    "Калиновка",
    "Малиновка",
    "Никольское",
    "Покровка",
    "Троицкое",
    "Успенка",
    "Воскресенка",
    "Александровка",
    "Михайловка",
    "Ивановка",
    "Петровка",
    "Васильевка",
    "Знаменка",
    "Красноярка",
    "Озёрное",
    "Лесное",
    "Полевое",
    "Луговое",
    "Каменка",
    "Вишнёвка",
    "Кедровка",
    "Заречье",
    "Подгорное",
    "Ключи",
    "Соколовка",
    "Журавлёвка",
    "Лебяжье",
    "Камышино",
    "Тополёвка",
    "Черёмушки",
    "Дубровка",
    "Городище",
]
ANNEX_PARAGRAPH = (
    "{n}. Наставник совместно с наставляемым составляет индивидуальный план развития, "
    "определяет формы взаимодействия (беседы, посещение уроков, совместная подготовка "
    "мероприятий), сроки и ожидаемые результаты; куратор целевой модели наставничества "
    "ведёт учёт наставнических пар, проводит мониторинг и готовит отчёт для педагогического "
    "совета {school}."
)
PARAGRAPHS_PER_PAGE = 7


@cache
def _archetypes() -> tuple[tuple[dict[str, Any], ...], dict[str, Any], dict[str, str]]:
    """The demo's raw site data (hand-made sites, then recipe schools), library, district."""
    municipality = _read(SEEDS_DIR / "municipality.toml")
    library = _read(SEEDS_DIR / "library.toml")
    district = {"district": municipality["name"], "district_gen": municipality["name_genitive"]}
    hand_made = tuple(
        _read(SEEDS_DIR / "sites" / f"{org_id}.toml") for org_id in municipality["schools"]
    )
    return hand_made + tuple(expand_recipes(SEEDS_DIR, library)), library, district


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def archetype_count() -> int:
    return len(_archetypes()[0])


def village_of(index: int) -> str:
    """A place name no other school of the region has."""
    root = ROOTS[index % len(ROOTS)]
    return f"{root}-{index // len(ROOTS) + 1}"


def school(index: int) -> SiteSpec:
    """The region's school number `index` (0-based)."""
    raws, library, district = _archetypes()
    raw = copy.deepcopy(raws[index % len(raws)])
    prefix, _, _ = raw["village"].partition(" ")
    village = f"{prefix} {village_of(index)}".strip()
    renamed = raw["village"] in raw["name"]
    for key in ("name", "short_name", "address", "welcome"):
        if key in raw:
            raw[key] = raw[key].replace(raw["village"], village)
    if not renamed:
        raw["name"] = f"{raw['name']} ({village})"
        raw["short_name"] = f"{raw['short_name']} ({village})"
    raw["village"] = village
    raw["org_id"] = f"r{index:05d}-{raw['org_id']}"
    raw["email"] = f"{raw['org_id']}@edu.example"
    site = site_from_raw(raw, library, district)
    return dataclasses.replace(site, documents=_grown(site.documents, site.short_name))


def _grown(documents: tuple[DocumentEntry, ...], school_name: str) -> tuple[DocumentEntry, ...]:
    """Two PDFs become scans; annex pages bring text PDFs and scans to their page targets."""
    served = [d for d in documents if d.status == "ok" and d.host is None]
    pdfs = [d for d in served if d.format == "pdf"]
    to_scan = {d.id for d in pdfs[-SCANS_PER_SCHOOL:]} if len(pdfs) > SCANS_PER_SCHOOL else set()
    scans = [d for d in served if d.format == "scan" or d.id in to_scan]
    texts = [d for d in pdfs if d.id not in to_scan]
    extra: dict[str, int] = {}
    for group, target, most in (
        (texts, TEXT_PDF_PAGES, TEXT_PDF_PAGES),
        (scans, SCANNED_PAGES, MAX_PAGES_PER_DOCUMENT),
    ):
        for document in group:
            extra[document.id] = min(max(target // len(group) - 1, 0), most - 1)
    grown = []
    for document in documents:
        pages = extra.get(document.id, 0)
        paragraphs = document.paragraphs + _annex(pages, school_name)
        fmt = "scan" if document.id in to_scan else document.format
        grown.append(dataclasses.replace(document, paragraphs=paragraphs, format=fmt))
    return tuple(grown)


def _annex(pages: int, school_name: str) -> tuple[str, ...]:
    """`pages` pages of a dense annex, each begun on a new page."""
    annex: list[str] = []
    for page in range(pages):
        annex.append(NEW_PAGE)
        annex.append(f"Приложение {page + 1}")
        annex += [
            ANNEX_PARAGRAPH.format(n=n + 1, school=school_name) for n in range(PARAGRAPHS_PER_PAGE)
        ]
    return tuple(annex)


@cache
def _demo() -> MunicipalitySpec:
    return load_municipality()


def region_spec(count: int) -> MunicipalitySpec:
    """The region as a municipality spec: the demo's ИМЦ, file hosts and boilerplate."""
    demo = _demo()
    return dataclasses.replace(demo, schools=tuple(school(i) for i in range(count)))
