"""URL knowledge of school-site platforms: document links, file cards, news paths."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

from crawler.url_policy import is_web_url, join_url, link_url

DOCUMENT_EXTENSIONS = frozenset(
    {"pdf", "doc", "docx", "odt", "rtf", "xls", "xlsx", "ods", "jpg", "jpeg", "png", "tif", "tiff"}
)
# Regional school-site constructors: an HTML card at /file/card?id=N,
# the file itself at /file/download?id=N.
FILE_CARD = re.compile(r"/file/card/?$", re.I)
FILE_DOWNLOAD = re.compile(r"/file/download/?$", re.I)
NEWS_PATH = re.compile(
    # The news folder in Latin or, on sites with Cyrillic addresses (WordPress), in Russian.
    r"/(?:news|novosti|novost|edu-news|новости|новость)(?:/|[-_]\d|\.html|$)|/\d{4}/\d{2}/\d{2}/|"
    r"news\.detail\.php|/news/[^/]+/\d{4}-\d{2}-\d{2}|"
    # A blog's post, dated by its address: /2025/11/blog-post_20.html, /2025/11/slug/.
    r"^/(?:19|20)\d\d/[01]\d/[^/.]+(?:\.html?)?/?$",
    re.I,
)
# A linked page with at most this many file links is a card: its files take its title.
CARD_MAX_FILES = 2


# A detached electronic signature beside its document («приказ.pdf.sig»): the signature of a
# neighbouring file, never a document of its own.
SIGNATURE_EXTENSIONS = frozenset({"sig", "p7s", "sgn", "sign"})


def is_signature(url: str) -> bool:
    """Whether a URL names a detached signature file."""
    tail = unquote(urlsplit(url).path).rsplit("/", 1)[-1]
    return "." in tail and tail.rsplit(".", 1)[-1].lower() in SIGNATURE_EXTENSIONS


def document_extension(url: str) -> str | None:
    """The document type a URL names by its extension or download endpoint, if any."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if FILE_DOWNLOAD.search(path):
        return "bin"  # the real type comes from the response headers or the bytes
    tail = path.rsplit("/", 1)[-1]
    if "." in tail:
        extension = tail.rsplit(".", 1)[-1].lower()
        if extension in DOCUMENT_EXTENSIONS:
            return extension
    return None


# Query parameters by which a viewer page names the file it shows: pdf.js `viewer.html?file=`,
# Google's `viewer?url=`, a CMS's `?src=` or `?doc=`.
VIEWER_PARAMETERS = ("file", "url", "src", "doc", "document", "pdf", "path")
# A viewer is named as one: `…/viewer.html`, `/viewer`, `pdfviewer.php`. A download script
# (`download.php?file=nast/x.pdf`) names a file it serves from elsewhere, not an address.
VIEWER_PATH = re.compile(r"view(?:er)?[^/]*$|/pdfjs/", re.IGNORECASE)


def viewed_file(url: str) -> str | None:
    """The file a viewer page shows, when the address names it: a link to a viewer is a
    link to the document it shows."""
    parts = urlsplit(url)
    if not VIEWER_PATH.search(parts.path):
        return None
    for name, value in parse_qsl(parts.query):
        if name.lower() not in VIEWER_PARAMETERS or not value.strip():
            continue
        target = join_url(url, value.strip())
        if target and is_web_url(target) and document_extension(target):
            return target
    return None


def is_document_card(url: str) -> bool:
    parts = urlsplit(url)
    return bool(FILE_CARD.search(parts.path)) and "id=" in parts.query


def card_download_url(response) -> str | None:
    """The file behind a /file/card page: its download link, else the card's id."""
    for href in response.xpath("//a/@href").getall():
        url = link_url(response, href)
        if url and FILE_DOWNLOAD.search(urlsplit(url).path):
            return url
    parts = urlsplit(response.url)
    if is_document_card(response.url):
        return f"{parts.scheme}://{parts.netloc}/file/download?{parts.query}"
    return None


def is_news_url(url: str) -> bool:
    parts = urlsplit(url)
    return bool(NEWS_PATH.search(unquote(parts.path)) or NEWS_PATH.search(unquote(parts.query)))
