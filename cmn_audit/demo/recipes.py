"""Expand the compact school recipes of seeds/demo/recipes.toml into full site data."""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

SECTION_PLACEMENTS = ("top", "sveden", "documents", "pedagogam", "footer", "sitemap", "js")
SECTION_PLACEMENTS += ("search",)  # linked from nowhere: only the site's search finds it
EXTENSIONS = {"pdf": "pdf", "scan": "pdf", "docx": "docx", "rtf": "rtf", "xlsx": "xlsx"}
EXTENSIONS |= {"jpg": "jpg"}


def _read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


class Layout:
    """URL shapes of one site builder: pages, documents, news (seeds/demo/platforms.toml)."""

    def __init__(self, name: str, raw: Mapping[str, Any]) -> None:
        self.name = name
        self.raw = raw
        self.numbers: dict[str, int] = {}

    def slug(self, key: str) -> str:
        return self.raw.get("slugs", {}).get(key, key)

    def page(self, key: str, parent: str | None = None) -> str:
        """The path of the page `key`, under `parent`'s path when the builder nests paths."""
        number = self.numbers.setdefault(key, self.raw["first_page"] + 3 * len(self.numbers))
        slug = self.slug(key)
        if self.raw.get("quote_slugs"):
            slug = quote(slug)
        if parent is None:
            return self.raw["top"].format(slug=slug, num=number)
        parent_slug = parent.strip("/").rsplit("/", 1)[-1]
        return self.raw["child"].format(slug=slug, num=number, parent=parent, pslug=parent_slug)

    def document(self, file_name: str, date: dt.date | None, number: int) -> str:
        """Where the builder stores an uploaded file."""
        digest = hashlib.sha1(file_name.encode()).hexdigest()[:3]
        stamp = date or dt.date(2022, 9, 1)
        return self.raw["document"].format(
            file=file_name, h=digest, y=stamp.year, m=f"{stamp.month:02d}", num=number
        )

    def news(self, number: int, date: dt.date) -> str:
        return self.raw["news"].format(num=number, y=date.year, m=f"{date.month:02d}", d=date)


def _head_initials(full_name: str) -> str:
    surname, name, patronymic = full_name.split()
    return f"{name[0]}.{patronymic[0]}. {surname}"


def _documents(
    recipe: Mapping[str, Any],
    layout: Layout,
    library: Mapping[str, Any],
    hosts: Mapping[str, Any],
) -> list[dict[str, Any]]:
    documents = []
    card = recipe.get("card_base", 0)
    for index, raw in enumerate(recipe.get("documents", ()), start=1):
        meta = library[raw["template"]]
        fields = {"number": raw.get("number", ""), "date": ""}
        if raw.get("date"):
            fields["date"] = raw["date"].strftime("%d.%m.%Y")
        fmt = raw.get("format", "pdf")
        file_name = f"{raw.get('file', meta['file'])}.{EXTENSIONS[fmt]}"
        entry = {
            "id": raw.get("id", f"doc{index}"),
            "title": raw.get("title", meta["title"]).format_map(fields),
            "format": fmt,
            "template": raw["template"],
            "kind": raw.get("kind", meta["kind"]),
            "audience": raw.get("audience", meta["audience"]),
            "status": raw.get("status", "ok"),
            "where": raw.get("where", "section"),
            "vars": raw.get("vars", {}),
        }
        for key in ("date", "number"):
            if raw.get(key) is not None:
                entry[key] = raw[key]
        if raw.get("host"):
            org = recipe["org_id"]
            key = hashlib.sha1(f"{org}-{index}".encode()).hexdigest()
            link = hosts[raw["host"]]["link"].format(org=org, index=index, file=file_name, key=key)
            entry |= {"host": raw["host"], "path": link}
        elif raw.get("path"):
            entry["path"] = raw["path"]
        elif layout.raw["document"] == "card":
            card += 1
            entry["card"] = card
            if "card_page" in layout.raw:
                entry["card_urls"] = [layout.raw["card_page"], layout.raw["card_file"]]
                entry["download_type"] = layout.raw.get("download_type")
        else:
            entry["path"] = layout.document(file_name, raw.get("date"), index)
        documents.append(entry)
    return documents


def _news(
    recipe: Mapping[str, Any], layout: Layout, topics: Mapping[str, Any]
) -> list[dict[str, Any]]:
    news = []
    for number, (topic, date) in enumerate(recipe.get("news", ()), start=recipe["news_base"]):
        news.append({"path": layout.news(number, date), "date": date, **topics[topic]})
    return news


def _links(documents: list[dict[str, Any]], where: str) -> list[dict[str, str]]:
    return [{"doc": d["id"]} for d in documents if d["where"] == where]


def _section_blocks(
    recipe: Mapping[str, Any],
    documents: list[dict[str, Any]],
    defaults: Mapping[str, Any],
    news: list[dict[str, Any]],
    news_list: str,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The section page's blocks, and its «Документы» subpage when documents sit there."""
    section = recipe["section"]
    blocks: list[dict[str, Any]] = [{"type": "boilerplate", "key": "definitions"}]
    blocks += [{"type": "boilerplate", "key": key} for key in section.get("extra", ())]
    if section.get("resource", True):
        blocks.append(
            {
                "type": "links",
                "heading": "Нормативно-правовое обеспечение",
                "items": [defaults["resource_link"]],
            }
        )
    if _links(documents, "section"):
        blocks.append({"type": "heading", "text": section.get("documents_heading", "Документы")})
        blocks.append({"type": "links", "items": _links(documents, "section")})
    subpage: list[dict[str, Any]] = []
    if _links(documents, "subpage"):
        subpage = [{"type": "links", "items": _links(documents, "subpage")}]
    if section.get("curator"):
        blocks.append({"type": "curator", **defaults["curator"], **section["curator"]})
    if section.get("news", True) and any(item["mentorship"] for item in news):
        block = {"type": "news", "heading": "Новости наставничества", "filter": "mentorship"}
        blocks.append(block)
        if recipe.get("news_page_size"):
            block["limit"] = 2
            blocks.append({"type": "links", "items": [{"href": news_list, "text": "Все новости"}]})
    return blocks, subpage


def expand(
    recipe: Mapping[str, Any],
    layout: Layout,
    library: Mapping[str, Any],
    common: Mapping[str, Any],
) -> dict[str, Any]:
    """Site data (the shape of a seeds/demo/sites/*.toml) for one recipe."""
    defaults = common["defaults"]
    sveden = layout.page("sveden")
    docs_page = layout.page("document", sveden)
    pedagogam = layout.page("pedagogam")
    news_list = layout.raw["news_list"]
    menu = [
        {
            "title": "Сведения об образовательной организации",
            "path": sveden,
            "children": [
                {"title": "Основные сведения", "path": layout.page("common", sveden)},
                {"title": "Документы", "path": docs_page},
                {"title": "Руководство", "path": layout.page("managers", sveden)},
            ],
        },
        {
            "title": "Педагогам",
            "path": pedagogam,
            "children": [
                {
                    "title": "Методическая работа",
                    "path": layout.page("metodicheskaya-rabota", pedagogam),
                },
            ],
        },
        {"title": "Родителям", "path": layout.page("roditelyam")},
        {"title": "Новости", "path": news_list},
    ]
    documents = _documents(recipe, layout, library, common.get("file_hosts", {}))
    news = _news(recipe, layout, common["news_topics"])
    home = [
        {"type": "text", "text": recipe["welcome"]},
        {"type": "news", "heading": "Новости", "filter": "all", "limit": 3},
    ]
    docs_blocks: list[dict[str, Any]] = [
        {
            "type": "text",
            "text": "Устав, лицензия, локальные нормативные акты образовательной организации.",
        }
    ]
    if _links(documents, "documents"):
        docs_blocks.append(
            {
                "type": "links",
                "heading": "Локальные нормативные акты",
                "items": _links(documents, "documents"),
            }
        )
    pages = [{"path": "/", "title": "Главная", "blocks": home}]
    data: dict[str, Any] = {
        "org_id": recipe["org_id"],
        "name": recipe["name"],
        "short_name": recipe["short_name"],
        "kind": recipe.get("kind", "school"),
        "email": f"{recipe['org_id']}@edu.example",
        "head_name": recipe["head"],
        "head_initials": _head_initials(recipe["head"]),
        "village": recipe["village"],
        "address": recipe["address"],
        "phone": recipe["phone"],
        "scenario": recipe["scenario"],
        "platform": layout.raw.get("look", layout.name),
        "encoding": recipe.get("encoding", layout.raw["encoding"]),
        "news_list": news_list,
        "news_page": layout.raw["news_page"],
        "vars": {**defaults["vars"], **recipe.get("vars", {})},
        "documents": documents,
        "news": news,
        "routes": [dict(route) for route in recipe.get("routes", ())],
        "expect": recipe.get("expect", {}),
    }
    for key in ("news_page_size", "delay", "disallow", "menu_json", "sitemap", "search"):
        if key in recipe:
            data[key] = recipe[key]
    section = recipe.get("section")
    if section is not None:
        placement = section["placement"]
        if placement not in SECTION_PLACEMENTS:
            raise ValueError(f"{recipe['org_id']}: unknown placement {placement!r}")
        parents = {"sveden": sveden, "documents": docs_page, "pedagogam": pedagogam}
        parent = (parents | {"search": pedagogam}).get(placement)
        path = layout.page(section.get("slug", "nastavnichestvo"), parent)
        link = {"title": section["title"], "path": section.get("link", path)}
        if placement in ("sveden", "pedagogam"):
            next(m for m in menu if m["path"] == parent)["children"].append(link)
        elif placement in ("top", "js"):
            menu.insert(3, link)
        elif placement == "documents":
            docs_blocks.append(
                {
                    "type": "links",
                    "heading": "Иные документы",
                    "items": [{"href": link["path"], "text": section["title"]}],
                }
            )
        elif placement == "footer":
            data["footer_links"] = [link]
        data["js_menu"] = placement == "js"
        data["section"] = path
        blocks, subpage = _section_blocks(recipe, documents, defaults, news, news_list)
        if subpage:
            sub_path = layout.page("normativnye-dokumenty", path)
            blocks.insert(
                2,
                {
                    "type": "links",
                    "items": [{"href": sub_path, "text": "Нормативные документы наставничества"}],
                },
            )
            pages.append({"path": sub_path, "title": "Нормативные документы", "blocks": subpage})
        if section.get("empty"):
            blocks = [{"type": "boilerplate", "key": "definitions"}]
        pages.append({"path": path, "title": section["title"], "blocks": blocks})
    pages.append({"path": docs_page, "title": "Документы", "blocks": docs_blocks})
    data["menu"] = menu
    data["pages"] = pages
    return data


def expand_recipes(seeds: Path, library: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Every generated school, in the order recipes.toml lists them."""
    platforms = _read(seeds / "platforms.toml")
    common = _read(seeds / "recipes.toml")
    common["file_hosts"] = _read(seeds / "municipality.toml").get("file_hosts", {})
    for recipe in common.get("school", ()):
        layout = Layout(recipe["platform"], platforms[recipe["platform"]])
        yield expand(recipe, layout, library, common)
