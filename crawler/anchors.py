"""A link's title as a reader sees it: link texts that say nothing take their neighbours' words.

Real sections list documents as «Скачать», «Подробнее» or «(PDF, 1.2 Мб)» with the title in the
table cell beside it, the paragraph before it or the link's `title` attribute.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.url_policy import link_url

# Words that name an action or a file, never a document: «Скачать», «Подробнее», «(PDF, 1.2 Мб)».
EMPTY_WORDS = re.compile(
    r"скачать|загрузить|подробнее|открыть|смотреть|посмотреть|просмотр|читать|далее|"
    r"ссылка|файл|документ|здесь|тут|перейти|download|more|"
    r"\b(?:pdf|docx?|xlsx?|rtf|odt|jpe?g|png|zip)\b|"
    r"\d+(?:[.,]\d+)?\s*(?:[кk]|[мm]|[гg])?[бb]\b|\bбайт|\bkb\b|\bmb\b",
    re.I,
)
# A link that hands over a file: «Скачать», «Загрузить», «Открыть файл», a size remark.
DOWNLOAD_WORDS = re.compile(
    r"скачать|загрузить|download|открыть\s+файл|\d+(?:[.,]\d+)?\s*(?:[кk]|[мm])[бb]\b", re.I
)
DOWNLOAD_VERB = re.compile(r"^(?:скачать|загрузить|download)\b", re.I)
DOWNLOAD_BUTTON_WORDS = 3
# A quoted string in a script, and one that reads as an address: absolute, rooted, or a
# file's name with its extension.
QUOTED = re.compile(r"(['\"])(.*?)\1")
ADDRESS_LIKE = re.compile(
    r"^(?:https?://|/|\./|\.\./)\S+$|^[\w./%-]+\.[a-z0-9]{2,5}(?:[?#]\S*)?$", re.I
)
# A shared folder of documents: a storage named, or documents named with no authority.
FOLDER_WORDS = re.compile(r"\b(?:папк|диск|облак|хранилищ|документ|файл|материал)\w*", re.I)
AUTHORITY_WORDS = re.compile(
    r"министерств|минпрос|правительств|федеральн|департамент|управлени|комитет|портал"
    r"|институт|закон|консультант|гарант",
    re.I,
)
# A link text that names a mentorship document: «Положение о наставничестве», «Программа ЦМН».
MENTORSHIP_NAME = re.compile(r"наставни|наставляем|\bЦМН\b|целев\w*\s+модел", re.I)
EDGE_DATE = re.compile(r"^\s*\d{1,2}\.\d{1,2}\.\d{2,4}\s*|\s*\d{1,2}\.\d{1,2}\.\d{2,4}\s*$")
BRACKETED = re.compile(r"[(\[][^()\[\]]*[)\]]")
MIN_TITLE_LETTERS = 4
MAX_CONTEXT_CHARS = 300
BLOCKS = ("tr", "li", "dd", "p", "td", "div")
# The element just before a link's paragraph that may carry its title (never the page's h1).
TITLE_BEFORE = (
    "preceding-sibling::*[self::p or self::h2 or self::h3 or self::h4 or self::strong"
    " or self::b or self::span or self::div or self::dt][normalize-space()][1][not(.//a)]"
)


def anchor_text(anchor) -> str:
    """A link's visible text with whitespace collapsed."""
    return " ".join(" ".join(anchor.xpath(".//text()").getall()).split())


def says_nothing(text: str) -> bool:
    """True when a link text names no document: only action or file words, or too short."""
    rest = EMPTY_WORDS.sub(" ", text or "")
    letters = [ch for ch in rest if ch.isalpha()]
    return len(letters) < MIN_TITLE_LETTERS


def link_title(anchor) -> str:
    """The link's own text when it names something; else its `title`/`aria-label`, the text
    of its table row or list item, or the title-like element just before its paragraph (never
    a heading further up the page: that names the page, not the document)."""
    own = anchor_text(anchor)
    if not says_nothing(own):
        return own
    for attribute in ("title", "aria-label"):
        value = " ".join((anchor.attrib.get(attribute) or "").split())
        if not says_nothing(value):
            return value
    image_alt = " ".join(" ".join(anchor.xpath(".//img/@alt").getall()).split())
    if not says_nothing(image_alt):
        return image_alt
    for block in BLOCKS:
        container = anchor.xpath(f"ancestor::{block}[1]")
        if not container:
            continue
        text = _without(container[0], own)
        if text and not says_nothing(text) and len(text) <= MAX_CONTEXT_CHARS:
            return text
        break  # the nearest block said nothing of its own: look just before it
    holder = anchor.xpath("ancestor::*[self::p or self::div or self::dd or self::li][1]")
    before = (holder[0] if holder else anchor).xpath(TITLE_BEFORE)
    if before:
        text = " ".join(" ".join(before[0].xpath(".//text()").getall()).split())
        if not says_nothing(text) and len(text) <= MAX_CONTEXT_CHARS:
            return text
    return own


def shown_title(element) -> str:
    """The title of a document a page shows in a frame (`<iframe>`, `<embed>`, `<object>`):
    its `title`/`aria-label`, else the title-like element just before its block; its own
    text is only the fallback a browser prints instead."""
    for attribute in ("data-title", "title", "aria-label", "name"):
        value = " ".join((element.attrib.get(attribute) or "").split())
        if not says_nothing(value):
            return value
    holder = element.xpath("ancestor::*[self::p or self::div or self::dd or self::li][1]")
    for candidate in (element, *holder):
        before = candidate.xpath(TITLE_BEFORE)
        if before:
            text = " ".join(" ".join(before[0].xpath(".//text()").getall()).split())
            if not says_nothing(text) and len(text) <= MAX_CONTEXT_CHARS:
                return text
    return ""


def _without(container, own: str) -> str:
    """The container's text without the link's own words and bracketed file remarks."""
    text = " ".join(" ".join(container.xpath(".//text()").getall()).split())
    if own:
        text = text.replace(own, " ", 1)
    text = BRACKETED.sub(lambda m: " " if says_nothing(m.group(0)) else m.group(0), text)
    text = EDGE_DATE.sub(" ", " ".join(text.split()))  # a posting date beside the title
    return " ".join(text.split()).strip(" ,;:–—-|")


def hands_over_file(text: str) -> bool:
    """True for a download button: a link text that only says «Скачать» or gives a size, or
    a short one that starts with the verb («Скачать оригинал»)."""
    text = " ".join((text or "").split())
    if DOWNLOAD_VERB.match(text) and len(text.split()) <= DOWNLOAD_BUTTON_WORDS:
        return True
    return bool(DOWNLOAD_WORDS.search(text)) and says_nothing(text)


def names_mentorship(text: str) -> bool:
    """Whether a link's words name something of mentorship (a document, a page)."""
    return bool(MENTORSHIP_NAME.search(text))


def names_folder(text: str) -> bool:
    """True for a link that names a shared folder of documents («Документы ЦМН (Яндекс Диск)»,
    «Папка с документами»), not an authority's page of its acts."""
    text = " ".join((text or "").split())
    return bool(FOLDER_WORDS.search(text)) and not AUTHORITY_WORDS.search(text)


def scripted_target(anchor) -> str | None:
    """The address a script link opens (`javascript:window.open('/f/order.pdf')`, an
    `onclick` with `openDoc('…')`): the first quoted string that reads as an address."""
    href = anchor.attrib.get("href", "").strip()
    script = anchor.attrib.get("onclick", "")
    if href.lower().startswith("javascript:"):
        script = f"{href} {script}"
    elif href not in ("", "#"):
        return None
    for match in QUOTED.finditer(script):
        candidate = match.group(2).strip()
        if ADDRESS_LIKE.match(candidate):
            return candidate
    return None


def shown_labels(response) -> dict[str, str]:
    """Address → words for links that have none of their own: an image-map `<area alt>`, a
    banner `<a><img alt></a>`, a `title` or `aria-label` — unless those words only say that
    it is a picture («Баннер», «image»): then the link has no words."""
    found: dict[str, str] = {}
    for link in response.xpath("//area[@href] | //a[@href][not(normalize-space())]"):
        label = _shown_words(link)
        url = link_url(response, link.attrib["href"]) if label else None
        if url:
            found.setdefault(url, label)
    return found


def _shown_words(link) -> str:
    """The first of a wordless link's `alt`, `title` or `aria-label` (its own or its
    picture's) that names something more than a picture; empty when none does."""
    return next(
        (
            " ".join(value.split())
            for value in link.xpath(
                "@alt | @title | @aria-label | .//img/@alt | .//img/@title"
            ).getall()
            if value.strip() and not names_a_picture(value)
        ),
        "",
    )


# Words a picture's `alt` uses to say only that it is a picture.
PICTURE_WORDS = re.compile(
    r"\b(?:баннер\w*|banner\w*|картинк\w*|изображени\w*|image\w*|img|фото\w*|photo\w*"
    r"|рисун\w*|логотип\w*|logo\w*|кнопк\w*|button\w*|picture\w*|иконк\w*|icon\w*)\b|\d+",
    re.I,
)


def names_a_picture(text: str) -> bool:
    """True for an `alt` that names nothing but a picture: «Баннер», «banner 3», «image»."""
    rest = PICTURE_WORDS.sub(" ", text or "")
    return not any(ch.isalpha() for ch in rest)


def shown_pictures(response) -> dict[str, str]:
    """Address → its picture's address, for links that show a picture and no words at all (a
    banner whose `alt` is empty): the picture's file name (`banner_cmn.png`) is all that names
    where the link leads."""
    found: dict[str, str] = {}
    for link in response.xpath("//a[@href][not(normalize-space())][.//img[@src]]"):
        if _shown_words(link):
            continue
        url = link_url(response, link.attrib["href"])
        picture = link_url(response, link.xpath(".//img/@src").get())
        if url and picture:
            found.setdefault(url, picture)
    return found


def menu_choices(response) -> list[tuple[str, str]]:
    """(address, text) of the choices of a drop-down menu that opens the chosen address
    (`<select onchange="location=this.value">`)."""
    found = []
    for option in response.xpath(
        "//select[contains(@onchange, 'location') or contains(@onchange, 'window.open')"
        " or contains(@onchange, 'href')]/option[@value]"
    ):
        value = option.attrib["value"].strip()
        url = link_url(response, value) if value else None
        if url:
            found.append((url, " ".join(" ".join(option.xpath(".//text()").getall()).split())))
    return found


# A menu entry's label that opens no page: a bare `#`, a script, or no address at all.
VOID_HREF = re.compile(r"^(?:#.*|javascript:.*|)$", re.I | re.S)
# The entries of a menu group: an item's nested list, or a drop-down block of links.
GROUP_ENTRIES = "self::ul or self::ol or self::nav or self::div[.//a[@href]]"


def menu_groups(response) -> list[tuple[str, list[tuple[str, str]]]]:
    """(label, [(address, text)…]) of each menu item that opens no page of its own — its label
    is a bare `#`, a script or plain text — and groups pages beneath it: the label names what
    the group's pages are together («Ресурсный центр наставничества» ▸ О центре, Документы)."""
    groups = []
    for item in response.xpath(f"//li[*[{GROUP_ENTRIES}]]"):
        own = item.xpath("./a")
        if own and not VOID_HREF.match(own[0].attrib.get("href", "").strip()):
            continue  # a label that is a link: the page it opens is the group's own
        words = item.xpath(f"./text() | ./*[not({GROUP_ENTRIES})]//text()").getall()
        label = " ".join(" ".join(words).split())
        entries = []
        for anchor in item.xpath(f"./*[{GROUP_ENTRIES}][1]//a[@href]"):
            href = anchor.attrib["href"].strip()
            url = None if VOID_HREF.match(href) else link_url(response, href)
            if url:
                entries.append((url, anchor_text(anchor)))
        if label and entries:
            groups.append((label, entries))
    return groups


def group_root(urls: list[str]) -> str:
    """The page that stands for a group of pages: the one at the address they all share
    (`/centr/` for `/centr/`, `/centr/docs/`, `/centr/news/`), else the first."""
    split = [urlsplit(url) for url in urls]
    paths = [[s for s in parts.path.split("/") if s] for parts in split]
    common: list[str] = []
    for segments in zip(*paths, strict=False):
        if len(set(segments)) > 1:
            break
        common.append(segments[0])
    for url, parts, segments in zip(urls, split, paths, strict=True):
        if common and segments == common and not parts.query and parts.netloc == split[0].netloc:
            return url
    return urls[0]
