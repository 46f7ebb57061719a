"""`cmn-audit schedule`: cron expressions checked, crontab lines and systemd units written."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from support import LOCAL_CRAWL, cli, write_registry

from cmn_audit.config import init_workspace
from cmn_audit.messages import UserError
from cmn_audit.schedule import (
    LOG_NAME,
    crontab_line,
    merge_crontab,
    parse_cron,
    scheduled_run,
    systemd_units,
)


@pytest.fixture
def setup(tmp_path):
    """A workspace and a valid registry, in folders whose names need quoting."""
    init_workspace(tmp_path / "рабочая папка")
    registry = write_registry(tmp_path / "реестр школ.csv", "https://school.example.ru/")
    return tmp_path / "рабочая папка", registry


def test_cron_fields_are_expanded_and_translated_to_systemd():
    plan = parse_cron("30 3 1 * *")
    assert plan.on_calendar() == ("*-*-01 03:30:00",)
    weekly = parse_cron("0 6,18 * * mon-fri")
    assert weekly.weekday.values == (1, 2, 3, 4, 5)
    assert weekly.on_calendar() == ("Mon,Tue,Wed,Thu,Fri *-*-* 06,18:00:00",)
    assert parse_cron("*/20 * * * *").minute.values == (0, 20, 40)
    assert parse_cron("0 0 * * 7").weekday.values == (0,)  # 7 is Sunday as well
    assert parse_cron("0 0 10-20/5 jan,jul *").day.values == (10, 15, 20)
    # Day of month AND day of week restricted: cron runs on either, so two calendar events.
    assert parse_cron("0 9 1 * 1").on_calendar() == ("*-*-01 09:00:00", "Mon *-*-* 09:00:00")


@pytest.mark.parametrize(
    ("expression", "words"),
    [
        ("0 3 * *", "нужно ровно пять полей"),
        ("0 25 * * *", "поле «часы» = «25»"),
        ("61 * * * *", "поле «минуты» = «61»"),
        ("0 0 0 * *", "поле «день месяца» = «0»"),
        ("0 0 * 13 *", "поле «месяц» = «13»"),
        ("0 0 * * 8", "поле «день недели» = «8»"),
        ("0 0 * * пн", "поле «день недели» = «пн»"),
        ("*/0 * * * *", "поле «минуты» = «*/0»"),
        ("5-1 * * * *", "поле «минуты» = «5-1»"),
        ("@daily", "нужно ровно пять полей"),
    ],
)
def test_a_bad_expression_is_refused_in_russian(expression, words):
    with pytest.raises(UserError, match=re.escape(words)):
        parse_cron(expression)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is absent")
@pytest.mark.parametrize(
    "expression", ["30 3 1 * *", "0 6,18 * * mon-fri", "*/20 8-17 * 1-6 *", "0 9 1,15 * 1"]
)
def test_systemd_accepts_the_translated_calendar(expression):
    for event in parse_cron(expression).on_calendar():
        checked = subprocess.run(
            ["systemd-analyze", "calendar", event], capture_output=True, text=True, check=False
        )
        assert checked.returncode == 0, (event, checked.stderr)


def test_dry_run_prints_the_crontab_line(setup):
    workspace, registry = setup
    done = cli(
        "schedule",
        "0 3 1 * *",
        "--dry-run",
        "--workspace",
        str(workspace),
        "--registry",
        str(registry),
    )
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip().splitlines()[-1]
    fields, command = line.split(" ", 5)[:5], line.split(" ", 5)[5]
    assert fields == ["0", "3", "1", "*", "*"]
    argv = shlex.split(command.split(" # cmn-audit ")[0])
    assert argv[:3] == ["cd", str(workspace.resolve()), "&&"]
    run = argv[argv.index("run") - 1 :]
    assert Path(run[0]).is_absolute() and os.access(run[0], os.X_OK)
    assert run[1:6] == [
        "run",
        "--workspace",
        str(workspace.resolve()),
        "--registry",
        str(registry.resolve()),
    ]
    assert argv[-3:] == [">>", str(workspace.resolve() / LOG_NAME), "2>&1"]
    assert command.endswith(f"# cmn-audit {workspace.resolve()}")
    assert "ничего не установлено" in done.stdout


@pytest.mark.slow
def test_the_crontab_command_runs_an_audit_and_logs_it(tmp_path, static_site):
    """The line's command, run by a shell as cron runs it, audits and appends to the log."""
    site = static_site({"index.html": "<html><body><h1>Школа</h1></body></html>"})
    workspace, registry = tmp_path / "рабочая папка", tmp_path / "реестр школ.csv"
    init_workspace(workspace, overrides={"crawl": LOCAL_CRAWL})
    write_registry(registry, site)
    line = crontab_line(parse_cron("0 3 * * *"), scheduled_run(workspace, registry))
    command = line.split(" ", 5)[5]
    done = subprocess.run(
        ["sh", "-c", command], cwd="/", env={"PATH": "/usr/bin:/bin"}, timeout=300, check=False
    )
    assert done.returncode == 0
    log = (workspace / LOG_NAME).read_text(encoding="utf-8")
    assert "Отчёты запуска" in log and "Traceback" not in log
    assert len([path for path in (workspace / "reports").iterdir() if path.is_dir()]) == 1


def test_dry_run_prints_the_systemd_units(setup):
    workspace, registry = setup
    done = cli(
        "schedule",
        "0 6 * * mon-fri",
        "--dry-run",
        "--systemd",
        "--workspace",
        str(workspace),
        "--registry",
        str(registry),
    )
    assert done.returncode == 0, done.stderr
    assert "OnCalendar=Mon,Tue,Wed,Thu,Fri *-*-* 06:00:00" in done.stdout
    assert f"StandardOutput=append:{workspace.resolve() / LOG_NAME}" in done.stdout
    assert "Persistent=true" in done.stdout and "WantedBy=timers.target" in done.stdout
    units = systemd_units(parse_cron("0 6 * * mon-fri"), scheduled_run(workspace, registry))
    service = next(text for name, text in units.items() if name.endswith(".service"))
    exec_start = next(line for line in service.splitlines() if line.startswith("ExecStart="))
    # The workspace name has a space: systemd needs the argument quoted.
    assert f'"{workspace.resolve()}"' in exec_start and " run --workspace " in exec_start
    for text in units.values():
        assert text in done.stdout


def test_systemd_units_are_written_for_the_user(setup, tmp_path):
    workspace, registry = setup
    home = tmp_path / "home"
    env = {**os.environ, "XDG_CONFIG_HOME": str(home / ".config")}
    done = cli(
        "schedule",
        "15 2 * * *",
        "--systemd",
        "--workspace",
        str(workspace),
        "--registry",
        str(registry),
        env=env,
    )
    written = sorted((home / ".config" / "systemd" / "user").iterdir())
    assert [path.suffix for path in written] == [".service", ".timer"]
    assert "OnCalendar=*-*-* 02:15:00" in written[1].read_text(encoding="utf-8")
    assert "Traceback" not in done.stderr
    if done.returncode != 0:  # no user session here: the files stay, the message says what to do
        assert "systemctl --user enable --now" in done.stderr


def test_invalid_expression_and_bad_registry_are_refused(setup, tmp_path):
    workspace, registry = setup
    bad = cli(
        "schedule",
        "0 25 * * *",
        "--dry-run",
        "--workspace",
        str(workspace),
        "--registry",
        str(registry),
    )
    assert bad.returncode == 2 and "поле «часы» = «25»" in bad.stderr
    assert "Traceback" not in bad.stderr
    broken = tmp_path / "r.csv"
    broken.write_text("id,name\n1,Школа\n", encoding="utf-8")
    refused = cli(
        "schedule",
        "0 3 * * *",
        "--dry-run",
        "--workspace",
        str(workspace),
        "--registry",
        str(broken),
    )
    assert refused.returncode == 2 and "Реестр r.csv" in refused.stderr


def test_crontab_keeps_other_entries_and_replaces_this_workspace(setup):
    workspace, registry = setup
    job = scheduled_run(workspace, registry)
    old = crontab_line(parse_cron("0 1 * * *"), job)
    existing = f"MAILTO=imc@example.ru\n5 4 * * * /usr/bin/backup\n{old}\n"
    new = crontab_line(parse_cron("0 3 1 * *"), job)
    merged = merge_crontab(existing, new, job.marker)
    assert merged.splitlines() == ["MAILTO=imc@example.ru", "5 4 * * * /usr/bin/backup", new]
    assert merge_crontab(merged, new, job.marker) == merged


def test_without_crontab_the_line_is_shown_with_what_to_install(setup, tmp_path):
    workspace, registry = setup
    bin_dir = tmp_path / "bin"  # a PATH without crontab, whether or not this host has one
    bin_dir.mkdir()
    done = cli(
        "schedule",
        "0 3 * * *",
        "--workspace",
        str(workspace),
        "--registry",
        str(registry),
        env={**os.environ, "PATH": str(bin_dir)},
    )
    assert done.returncode == 2
    assert "Программа crontab не найдена" in done.stderr and "0 3 * * * cd " in done.stderr
