"""External file hosts (Яндекс Диск, Google Диск, Облако Mail.ru): public links resolved to files.

A school page links the host's public page, not the file: the crawler asks the host's download
endpoint (declared in file_hosts.toml) for the file. The document keeps the public link as its
URL, because that is what the methodologist sees on the page and what stays the same from run to
run; the resolved download addresses are temporary signed URLs, so they live only in the fetch
chain (`fetches` rows of purpose `document`, each with its referer). A host that will not hand
the file to a program is a finding (`host_unresolved`), never a crash.
"""

from __future__ import annotations

import functools
import json
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

from crawler.url_policy import is_web_url, join_url

HOSTS_FILE = Path(__file__).with_name("file_hosts.toml")
# JSON {host id: base URL} of local stand-ins, set by the demo and tests for the crawl process.
STAND_INS_ENV = "CMN_AUDIT_FILE_HOST_STAND_INS"
# fetch_status of a hosted document the host would not hand over (a folder, a refusal, a page
# that needs a browser); the letter reads it as «файловое хранилище не отдаёт файл без браузера».
HOST_UNRESOLVED = "host_unresolved"
# Google Drive answers a large file with a «virus scan warning» page whose form downloads it.
CONFIRM_FORM = "//form[.//input[@name='confirm'] or contains(@action, 'download')]"


@dataclass(frozen=True)
class FileHost:
    """One file host as declared in file_hosts.toml."""

    id: str
    name: str
    hosts: frozenset[str]
    links: tuple[re.Pattern[str], ...]
    folders: tuple[re.Pattern[str], ...]
    api: str
    method: str  # direct | json
    request: str
    params: Mapping[str, str]
    field: str | None
    download: str
    formats: Mapping[str, str]


@dataclass(frozen=True)
class HostedLink:
    """A public link of a file host found on a page, with what its URL tells."""

    host: FileHost
    url: str  # the link as the page gives it: the document's identity
    api: str  # the host's endpoint base in effect (a stand-in's in tests and the demo)
    groups: Mapping[str, str] | None  # None: a folder, nothing to download

    def request_url(self) -> str | None:
        """The first request: the file itself (direct) or the API naming it (json)."""
        if self.groups is None:
            return None
        values = self._values()
        url = self.host.request.format_map(values)
        params = {name: template.format_map(values) for name, template in self.host.params.items()}
        query = urlencode({name: value for name, value in params.items() if value})
        return f"{url}?{query}" if query else url

    def download_url(self, api_body: bytes) -> str | None:
        """The file's address from the API's JSON answer; None when the answer names none."""
        if self.groups is None or self.host.field is None:
            return None
        try:
            value: object = json.loads(api_body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None
        for step in self.host.field.split("."):
            if isinstance(value, list) and step.isdigit() and int(step) < len(value):
                value = value[int(step)]
            elif isinstance(value, dict) and step in value:
                value = value[step]
            else:
                return None
        if not isinstance(value, str) or not value.startswith(("http://", "https://")):
            return None
        return self.host.download.format_map({**self._values(), "value": value.rstrip("/")})

    def _values(self) -> dict[str, str]:
        parts = urlsplit(self.url)
        groups = {key: unquote(value) for key, value in (self.groups or {}).items()}
        values = {"api": self.api.rstrip("/"), "origin": f"{parts.scheme}://{parts.netloc}"}
        values |= groups
        values["format"] = self.host.formats.get(groups.get("doctype", ""), "")
        return values


@functools.cache
def declared_hosts() -> tuple[FileHost, ...]:
    """The hosts of file_hosts.toml, compiled once per process."""
    data = tomllib.loads(HOSTS_FILE.read_text(encoding="utf-8"))
    return tuple(
        FileHost(
            id=entry["id"],
            name=entry["name"],
            hosts=frozenset(host.lower() for host in entry["hosts"]),
            links=tuple(re.compile(pattern) for pattern in entry["links"]),
            folders=tuple(re.compile(pattern) for pattern in entry.get("folders", ())),
            api=entry["api"],
            method=entry["method"],
            request=entry["request"],
            params=dict(entry.get("params", {})),
            field=entry.get("field"),
            download=entry.get("download", "{value}"),
            formats=dict(entry.get("formats", {})),
        )
        for entry in data["host"]
    )


def hosted_link(url: str, overrides: Mapping[str, str] | None = None) -> HostedLink | None:
    """The file-host link `url` is, if any; links to a host's other pages are not documents.

    `overrides` maps a host id to a stand-in base URL: it replaces the host's API and its own
    address counts as one of the host's names, so a local stand-in serves links and API alike.
    """
    parts = urlsplit(url)
    netloc = parts.netloc.lower()
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    for host in declared_hosts():
        override = (overrides or {}).get(host.id)
        names = host.hosts | ({urlsplit(override).netloc.lower()} if override else set())
        if netloc not in names and netloc.removeprefix("www.") not in names:
            continue
        api = override or host.api
        for pattern in host.links:
            if match := pattern.search(target):
                return HostedLink(host, url, api, match.groupdict(default=""))
        if any(pattern.search(target) for pattern in host.folders):
            return HostedLink(host, url, api, None)
    return None


def stand_in_overrides() -> dict[str, str]:
    """Stand-in base URLs the demo or a test serves in place of the real hosts' APIs."""
    return json.loads(os.environ.get(STAND_INS_ENV) or "{}")


def confirm_url(response) -> str | None:
    """The download behind a host's confirmation page (a GET form), if the page has one."""
    for form in response.xpath(CONFIRM_FORM):
        if form.attrib.get("method", "get").lower() != "get":
            continue
        fields = {
            node.attrib["name"]: node.attrib.get("value", "")
            for node in form.xpath(".//input[@name]")
            if node.attrib.get("type", "text").lower() not in ("submit", "button", "image")
        }
        action = join_url(response.url, form.attrib.get("action") or response.url)
        if action is None or not is_web_url(action):
            return None  # a host's form that leads off the web is not followed
        return f"{action.split('?', 1)[0]}?{urlencode(fields)}" if fields else action
    return None
