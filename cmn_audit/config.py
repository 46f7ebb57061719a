"""Workspace: a folder with config.toml, one DuckDB file, the evidence store and reports."""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from audit_rules import Profile, load_profile
from audit_rules.messages import toml_error_text
from cmn_audit import messages as msg
from cmn_audit.messages import UserError
from reports.letter.docx import builtin_template
from reports.letter.meta import number_format_problem
from reports.model import Letterhead, LetterSettings, ReferenceSettings

CONFIG_NAME = "config.toml"
DB_NAME = "cmn-audit.duckdb"
# Where `cmn-audit init` puts the centre's own copy of the letter template.
LETTER_TEMPLATE_PATH = "templates/letter.docx"


@dataclass(frozen=True)
class AuditSettings:
    profile: str
    municipality: str
    deadline: dt.date | None


@dataclass(frozen=True)
class CrawlSettings:
    download_delay: float
    concurrent_sites: int
    obey_robots: bool
    max_pages_per_site: int
    max_document_mb: int
    timeout_seconds: int
    menu_depth: int
    allow_private_addresses: bool
    contact: str
    # Added after the first release: older configs without them keep working.
    trust_files_days: float = 7.0
    max_minutes_per_site: float = 15.0


# The range each number of [crawl] and [mail] may take, declared once. A zero or negative
# limit would not limit anything (Scrapy reads DOWNLOAD_MAXSIZE = 0 as «no limit»), and an
# overflowing one (1e309 is infinity) would crash the crawl: both are refused in Russian.
RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "crawl": {
        "download_delay": (0, 60),
        "concurrent_sites": (1, 256),
        "max_pages_per_site": (1, 100_000),
        "max_document_mb": (1, 2048),
        "timeout_seconds": (1, 600),
        "menu_depth": (0, 10),
        "trust_files_days": (0, 3650),
        "max_minutes_per_site": (0.01, 24 * 60),
    },
    "mail": {"smtp_port": (1, 65535)},
}


@dataclass(frozen=True)
class MailSettings:
    """The centre's SMTP server; with no host, letters stay as .eml drafts."""

    smtp_host: str = ""
    smtp_port: int = 587
    starttls: bool = True
    username: str = ""
    # The password is never written in the config: it is read from this environment variable.
    password_env: str = "CMN_AUDIT_SMTP_PASSWORD"


@dataclass(frozen=True)
class Workspace:
    """Where a centre keeps one audit history."""

    root: Path
    audit: AuditSettings
    centre: Letterhead  # the [centre] section is the letterhead of every report
    crawl: CrawlSettings
    mail: MailSettings = MailSettings()
    # [letters] (reports.model.LetterSettings): optional, added later; `template` is absolute.
    letters: LetterSettings = LetterSettings()
    # [reference] (reports.model.ReferenceSettings): the справка's requisites; optional.
    reference: ReferenceSettings = ReferenceSettings()
    # [profile_params]: the profile's parameters the centre sets for its territory (the
    # municipal resource of normative acts…); optional, checked against the profile on use.
    profile_params: Mapping[str, object] = field(default_factory=dict)

    def profile(self, name: str | None = None) -> Profile:
        """The audit's profile (or another one named) with the centre's parameters applied;
        another profile takes those of its parameters it shares with the audit's."""
        own = name in (None, self.audit.profile)
        profile = load_profile(name or self.audit.profile)
        return profile.with_params(self.profile_params, strict=own)

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    @property
    def evidence_dir(self) -> Path:
        return self.root / "evidence"

    @property
    def http_cache_dir(self) -> Path:
        """Responses kept between runs so a re-audit asks only whether they changed."""
        return self.root / "cache" / "http"

    @property
    def runs_dir(self) -> Path:
        return self.root / "runs"

    @property
    def reports_dir(self) -> Path:
        return self.root / "reports"


def config_template() -> str:
    """The commented config a new workspace starts from."""
    return resources.files("cmn_audit").joinpath("config_template.toml").read_text("utf-8")


def init_workspace(root: Path, *, overrides: dict[str, dict[str, object]] | None = None) -> Path:
    """Create the workspace folder and its commented config; refuse to overwrite a config."""
    root.mkdir(parents=True, exist_ok=True)
    config_path = root / CONFIG_NAME
    if config_path.exists():
        raise UserError(msg.CONFIG_EXISTS.format(root=root, name=CONFIG_NAME))
    text = config_template()
    for section, values in (overrides or {}).items():
        for key, value in values.items():
            text = _set_value(text, section, key, value)
    config_path.write_text(text, encoding="utf-8")
    for sub in ("evidence", "runs", "reports"):
        (root / sub).mkdir(exist_ok=True)
    return config_path


def load_workspace(root: Path) -> Workspace:
    """Read and validate config.toml; every problem is reported in Russian."""
    config_path = root / CONFIG_NAME
    if not config_path.is_file():
        raise UserError(msg.CONFIG_MISSING.format(root=root, name=CONFIG_NAME))
    try:
        data = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise UserError(msg.CONFIG_NOT_UTF8.format(path=config_path)) from error
    except tomllib.TOMLDecodeError as error:
        raise UserError(
            msg.CONFIG_NOT_TOML.format(path=config_path, error=toml_error_text(error))
        ) from error
    audit = _section(data, "audit")
    audit_values = {**audit, "deadline": _optional_date(audit, "audit", "deadline")}
    return Workspace(
        root=root,
        audit=_build(AuditSettings, audit_values, "audit"),
        centre=_build(Letterhead, _section(data, "centre"), "centre"),
        crawl=_build(CrawlSettings, _section(data, "crawl"), "crawl"),
        mail=_build(MailSettings, data.get("mail", {}), "mail"),  # optional: added later
        letters=_letter_settings(root, data.get("letters", {})),  # optional: added later
        reference=_build(ReferenceSettings, _optional_section(data, "reference"), "reference"),
        profile_params=MappingProxyType(_optional_section(data, "profile_params")),
    )


def unfilled_requisites(workspace: Workspace) -> list[str]:
    """The [centre] and [reference] values still holding `cmn-audit init`'s placeholders."""
    return [f"centre.{name}" for name in workspace.centre.unfilled] + [
        f"reference.{name}" for name in workspace.reference.unfilled
    ]


def _optional_section(data: dict, name: str) -> dict:
    section = data.get(name, {})
    if not isinstance(section, dict):
        raise UserError(msg.CONFIG_NOT_SECTION.format(name=CONFIG_NAME, section=name))
    return section


def _optional_date(values: dict, section: str, key: str) -> dt.date | None:
    """A date written as ГГГГ-ММ-ДД (quoted or a TOML date), or none when left empty."""
    text = str(values.get(key, "") or "")
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError as error:
        raise UserError(msg.CONFIG_BAD_DATE.format(section=section, key=key, text=text)) from error


def install_letter_template(root: Path) -> Path:
    """Copy the built-in letter template into the workspace and point [letters] at the copy.

    The centre then edits its own copy in Word; an existing copy is never overwritten.
    """
    target = root / LETTER_TEMPLATE_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        shutil.copyfile(builtin_template(), target)
    config_path = root / CONFIG_NAME
    text = config_path.read_text(encoding="utf-8")
    config_path.write_text(
        _set_value(text, "letters", "template", LETTER_TEMPLATE_PATH), encoding="utf-8"
    )
    return target


def _letter_settings(root: Path, values: object) -> LetterSettings:
    """[letters]: the numbering checked, the template found and made an absolute path."""
    if not isinstance(values, dict):
        raise UserError(msg.CONFIG_NOT_SECTION.format(name=CONFIG_NAME, section="letters"))
    letter_date = _optional_date(values, "letters", "letter_date")
    first = values.get("first_number", 1)
    if isinstance(first, bool) or not isinstance(first, int) or first < 1:
        raise UserError(msg.CONFIG_FIRST_NUMBER)
    settings = _build(LetterSettings, {**values, "letter_date": letter_date}, "letters")
    problem = number_format_problem(settings.number_format)
    if problem:
        raise UserError(f"[letters] number_format = «{settings.number_format}»: {problem}.")
    if not settings.template:
        return settings
    template = Path(settings.template).expanduser()
    template = (template if template.is_absolute() else root / template).resolve()
    if not template.is_file():
        raise UserError(msg.CONFIG_NO_TEMPLATE.format(path=template))
    return replace(settings, template=str(template))


def _section(data: dict, name: str) -> dict:
    section = data.get(name)
    if not isinstance(section, dict):
        raise UserError(msg.CONFIG_NO_SECTION.format(name=CONFIG_NAME, section=name))
    return section


def _build(cls: type, values: dict, section: str):
    """Make a settings dataclass, naming the missing, unknown or mistyped key."""
    expected = {field.name: field.type for field in fields(cls)}
    defaults = {field.name for field in fields(cls) if field.default is not MISSING}
    unknown = sorted(set(values) - set(expected))
    if unknown:
        raise UserError(msg.CONFIG_UNKNOWN_KEY.format(section=section, key=unknown[0]))
    missing = sorted(set(expected) - set(values) - defaults)
    if missing:
        raise UserError(msg.CONFIG_MISSING_KEY.format(section=section, key=missing[0]))
    casts = {"float": float, "int": int, "bool": bool, "str": str}
    converted = {}
    for key, type_name in expected.items():
        if key not in values:
            continue  # the dataclass default applies
        value = values[key]
        cast = casts.get(str(type_name))
        if cast is bool and not isinstance(value, bool):
            raise UserError(msg.CONFIG_NOT_BOOL.format(section=section, key=key))
        if cast in (int, float) and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise UserError(msg.CONFIG_NOT_NUMBER.format(section=section, key=key))
        if (bounds := RANGES.get(section, {}).get(key)) and not bounds[0] <= value <= bounds[1]:
            least, most = (f"{bound:g}" for bound in bounds)
            raise UserError(
                msg.CONFIG_OUT_OF_RANGE.format(
                    section=section, key=key, value=repr(value), least=least, most=most
                )
            )
        converted[key] = cast(value) if cast else value
    return cls(**converted)


def _set_value(text: str, section: str, key: str, value: object) -> str:
    """Replace `key = …` inside `[section]` of the template, keeping its comments."""
    lines = text.splitlines()
    found, _ = _locate(lines, section, key)
    if found is None:
        raise KeyError(f"{section}.{key} is not in the config template")
    lines[found] = f"{key} = {_toml_value(value)}"
    return "\n".join(lines) + "\n"


def set_profile_param(root: Path, key: str, value: object) -> None:
    """Write `key = value` into the workspace's [profile_params], replacing an earlier value
    (the demo tells its audit where its municipal resource is served this time)."""
    config_path = root / CONFIG_NAME
    lines = config_path.read_text(encoding="utf-8").splitlines()
    line = f"{key} = {_toml_value(value)}"
    found, end = _locate(lines, "profile_params", key)
    if found is not None:
        lines[found] = line
    else:
        if end is None:  # a config written before [profile_params] existed
            lines.append("[profile_params]")
            end = len(lines)
        while end > 0 and not lines[end - 1].strip():
            end -= 1  # after the section's last value, before the blank lines that close it
        lines.insert(end, line)
    config_path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _locate(lines: list[str], section: str, key: str) -> tuple[int | None, int | None]:
    """(the line of `key = …` in `[section]`, the line where `[section]` ends), each None
    when absent: the key is not there, or the section is not."""
    current = None
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            if current == section:
                return None, index
            current = stripped[1:-1]
        elif current == section and stripped.split("=", 1)[0].strip() == key:
            return index, None
    return None, (len(lines) if current == section else None)


def _toml_value(value: object) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
