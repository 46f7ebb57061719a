"""`cmn-audit schedule`: a cron expression checked, then a crontab entry or a systemd timer."""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cmn_audit import messages as msg
from cmn_audit.messages import (
    BAD_FIELD,
    BAD_FIELD_COUNT,
    CRONTAB_FAILED,
    CRONTAB_MISSING,
    FIELD_NAMES,
    FIELD_NAMES_HINT,
    UserError,
)

LOG_NAME = "schedule.log"  # in the workspace: what every scheduled run printed
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
SYSTEMD_WEEKDAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
ITEM_RE = re.compile(r"^(?P<range>\*|[0-9a-z]+(?:-[0-9a-z]+)?)(?:/(?P<step>[0-9]+))?$")


@dataclass(frozen=True)
class CronField:
    values: tuple[int, ...]
    any: bool  # written as «*» (or «*/1»): restricts nothing


@dataclass(frozen=True)
class CronSchedule:
    """A 5-field cron expression, checked, and the same moments as systemd calendar events."""

    expression: str
    minute: CronField
    hour: CronField
    day: CronField
    month: CronField
    weekday: CronField

    def on_calendar(self) -> tuple[str, ...]:
        """systemd OnCalendar= values; two when cron would match the day OR the weekday."""
        time = f"{_calendar(self.hour)}:{_calendar(self.minute)}:00"
        month = _calendar(self.month)
        weekdays = ",".join(SYSTEMD_WEEKDAYS[value] for value in self.weekday.values)
        if not self.day.any and not self.weekday.any:  # cron: either field may match
            return (f"*-{month}-{_calendar(self.day)} {time}", f"{weekdays} *-{month}-* {time}")
        prefix = "" if self.weekday.any else f"{weekdays} "
        return (f"{prefix}*-{month}-{_calendar(self.day)} {time}",)


def parse_cron(expression: str) -> CronSchedule:
    """Check a 5-field cron expression; every mistake is named in Russian."""
    parts = expression.split()
    if len(parts) != 5:
        raise UserError(BAD_FIELD_COUNT.format(expression=expression, count=len(parts)))
    limits = ((0, 59, ()), (0, 23, ()), (1, 31, ()), (1, 12, MONTHS), (0, 7, WEEKDAYS))
    fields = []
    for index, (text, (low, high, names)) in enumerate(zip(parts, limits, strict=True)):
        field = _field(text.lower(), low, high, names)
        if field is None:
            raise UserError(
                BAD_FIELD.format(
                    expression=" ".join(parts),
                    field=FIELD_NAMES[index],
                    value=text,
                    low=low,
                    high=high,
                    names=FIELD_NAMES_HINT.get(index, ""),
                )
            )
        fields.append(field)
    weekday = fields[4]
    days = tuple(sorted({value % 7 for value in weekday.values}))  # 7 is Sunday too
    fields[4] = CronField(days, weekday.any or len(days) == 7)
    return CronSchedule(" ".join(parts), *fields)


def _field(text: str, low: int, high: int, names: Sequence[str]) -> CronField | None:
    values: set[int] = set()
    for item in text.split(","):
        match = ITEM_RE.match(item)
        if match is None:
            return None
        step = int(match["step"] or 1)
        if match["range"] == "*":
            first, last = low, high
        else:
            ends = [_value(end, names, low) for end in match["range"].split("-")]
            if None in ends:
                return None
            # «5/15» runs from 5 to the end of the range, «5» alone is just 5.
            single_with_step = len(ends) == 1 and match["step"] is not None
            first, last = ends[0], (high if single_with_step else ends[-1])
        if step < 1 or first > last or first < low or last > high:
            return None
        values.update(range(first, last + 1, step))
    return CronField(tuple(sorted(values)), text in ("*", "*/1"))


def _value(text: str, names: Sequence[str], low: int) -> int | None:
    if text.isdigit():
        return int(text)
    if text in names:
        return names.index(text) + (1 if low == 1 else 0)
    return None


def _calendar(field: CronField) -> str:
    return "*" if field.any else ",".join(f"{value:02d}" for value in field.values)


@dataclass(frozen=True)
class ScheduledRun:
    """What the schedule starts: `cmn-audit run` with absolute paths, and where it logs."""

    workspace: Path
    registry: Path

    @property
    def argv(self) -> tuple[str, ...]:
        # Not resolved: a virtualenv's python is a symlink that must stay inside the venv.
        python = Path(os.path.abspath(sys.executable))
        script = python.with_name("cmn-audit")
        program = (str(script),) if script.is_file() else (str(python), "-m", "cmn_audit")
        return (
            *program,
            "run",
            "--workspace",
            str(self.workspace),
            "--registry",
            str(self.registry),
        )

    @property
    def log(self) -> Path:
        return self.workspace / LOG_NAME

    @property
    def marker(self) -> str:
        """The comment that tells this workspace's crontab line from any other."""
        return f"# cmn-audit {self.workspace}"

    @property
    def unit_name(self) -> str:
        digest = hashlib.sha256(str(self.workspace).encode("utf-8")).hexdigest()[:10]
        return f"cmn-audit-{digest}"


def scheduled_run(workspace: Path, registry: Path) -> ScheduledRun:
    return ScheduledRun(workspace.resolve(), registry.resolve())


def crontab_line(schedule: CronSchedule, job: ScheduledRun) -> str:
    """One crontab line: cd into the workspace, run, append the output to the schedule log."""
    command = " ".join(shlex.quote(arg) for arg in job.argv)
    shell = (
        f"cd {shlex.quote(str(job.workspace))} && PYTHONUTF8=1 {command} "
        f">> {shlex.quote(str(job.log))} 2>&1 {job.marker}"
    )
    return f"{schedule.expression} {shell.replace('%', chr(92) + '%')}"  # cron: % is a newline


def merge_crontab(existing: str, line: str, marker: str) -> str:
    """The user's crontab with this workspace's line replaced (or added); others kept."""
    kept = [
        old
        for old in existing.splitlines()
        if not old.rstrip().endswith(marker.replace("%", r"\%"))
    ]
    return "\n".join([*kept, line]) + "\n"


def install_crontab(line: str, marker: str) -> None:
    """Put the line into the user's crontab through `crontab -l` / `crontab -`."""
    if shutil.which("crontab") is None:
        raise UserError(CRONTAB_MISSING.format(line=line))
    listed = subprocess.run(["crontab", "-l"], capture_output=True, text=True, check=False)
    existing = listed.stdout if listed.returncode == 0 else ""  # 1: no crontab yet
    written = subprocess.run(
        ["crontab", "-"],
        input=merge_crontab(existing, line, marker),
        capture_output=True,
        text=True,
        check=False,
    )
    if written.returncode != 0:
        raise UserError(CRONTAB_FAILED.format(error=written.stderr.strip() or written.returncode))


def systemd_units(schedule: CronSchedule, job: ScheduledRun) -> dict[str, str]:
    """The user service and timer, by file name."""
    where = _unit_text(str(job.workspace))
    log = _unit_text(str(job.log))
    service = "\n".join(
        [
            "[Unit]",
            "Description=" + msg.SCHEDULE_SERVICE.format(where=where),
            "",
            "[Service]",
            "Type=oneshot",
            f"WorkingDirectory={where}",
            "Environment=PYTHONUTF8=1",
            "ExecStart=" + " ".join(_unit_argument(arg) for arg in job.argv),
            f"StandardOutput=append:{log}",
            f"StandardError=append:{log}",
            "",
        ]
    )
    timer = "\n".join(
        [
            "[Unit]",
            "Description=" + msg.SCHEDULE_TIMER.format(expression=schedule.expression, where=where),
            "",
            "[Timer]",
            *(f"OnCalendar={event}" for event in schedule.on_calendar()),
            "Persistent=true",
            f"Unit={job.unit_name}.service",
            "",
            "[Install]",
            "WantedBy=timers.target",
            "",
        ]
    )
    return {f"{job.unit_name}.service": service, f"{job.unit_name}.timer": timer}


def user_unit_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def install_systemd(units: dict[str, str], unit_dir: Path) -> tuple[list[Path], str | None]:
    """Write the units and enable the timer; returns the files and, on failure, why."""
    unit_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in units.items():
        (unit_dir / name).write_text(text, encoding="utf-8")
        paths.append(unit_dir / name)
    timer = next(name for name in units if name.endswith(".timer"))
    if shutil.which("systemctl") is None:
        return paths, msg.SCHEDULE_NO_SYSTEMCTL
    for command in (["daemon-reload"], ["enable", "--now", timer]):
        done = subprocess.run(
            ["systemctl", "--user", *command], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            return paths, done.stderr.strip() or msg.SCHEDULE_EXIT_CODE.format(code=done.returncode)
    return paths, None


def _unit_text(text: str) -> str:
    return text.replace("%", "%%")  # systemd specifiers


def _unit_argument(arg: str) -> str:
    """An ExecStart= argument: specifiers and variables escaped, quoted when it has spaces."""
    text = _unit_text(arg).replace("$", "$$")
    if re.search(r'[\s"\'\\;]', text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text
