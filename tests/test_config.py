"""Workspace config: `init` writes a commented, loadable TOML; mistakes are named in Russian."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from contextlib import contextmanager
from types import SimpleNamespace

import pytest

from audit_rules import ProfileError
from cmn_audit import messages
from cmn_audit.config import CONFIG_NAME, init_workspace, load_workspace, set_profile_param
from cmn_audit.demo import audit as demo_audit
from cmn_audit.demo.audit import init_demo_workspace
from cmn_audit.messages import UserError
from cmn_audit.pipeline.audit import run_audit
from cmn_audit.pipeline.commit import run_municipality
from cmn_audit.registry import Organisation
from cmn_audit.store import connect


def test_init_writes_commented_config_that_loads(tmp_path):
    config = init_workspace(tmp_path / "ws")
    text = config.read_text(encoding="utf-8")
    assert text.count("#") > 10 and "[centre]" in text
    workspace = load_workspace(tmp_path / "ws")
    assert workspace.audit.profile == "ust_ishim_2022"
    assert workspace.crawl.obey_robots is True
    assert workspace.crawl.allow_private_addresses is False
    assert workspace.audit.deadline is None
    assert (tmp_path / "ws" / "evidence").is_dir()


def test_overrides_keep_comments(tmp_path):
    init_workspace(
        tmp_path,
        overrides={
            "crawl": {"download_delay": 0.25, "allow_private_addresses": True},
            "audit": {"deadline": "2026-12-01"},
        },
    )
    workspace = load_workspace(tmp_path)
    assert workspace.crawl.download_delay == 0.25
    assert workspace.crawl.allow_private_addresses is True
    assert workspace.audit.deadline == dt.date(2026, 12, 1)
    assert "# Разрешить переходы" in (tmp_path / CONFIG_NAME).read_text(encoding="utf-8")


def test_init_refuses_to_overwrite(tmp_path):
    init_workspace(tmp_path)
    with pytest.raises(UserError, match="уже есть"):
        init_workspace(tmp_path)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("download_delay = 1.0", 'download_delay = "быстро"', "ожидается число"),
        ("obey_robots = true", "obey_robots = 1", "true или false"),
        ("max_document_mb = 25", "max_document_mb = 25\nspeed = 3", "неизвестный параметр «speed»"),
        (
            'deadline = ""',
            'deadline = "10.11.2022"',
            r"\[audit\] deadline = «10.11.2022».*ГГГГ-ММ-ДД",
        ),
        ('letter_date = ""', 'letter_date = "1 мая"', r"\[letters\] letter_date = «1 мая»"),
        ("[centre]", "[centre", r"не читается как файл настроек: строка \d+, позиция \d+"),
        (
            'deadline = ""',
            'deadline ""',
            r"строка \d+, позиция \d+: после названия параметра нет знака «=»",
        ),
        (
            "timeout_seconds = 30",
            "timeout_seconds = 1e309",
            r"= inf: .*от 1 до 600",
        ),
        ("timeout_seconds = 30", "timeout_seconds = nan", r"timeout_seconds = nan: .*от 1 до"),
        ("max_document_mb = 25", "max_document_mb = 0", r"max_document_mb = 0: .*от 1 до"),
        ("max_pages_per_site = 150", "max_pages_per_site = -5", "от 1 до"),
        ("concurrent_sites = 16", "concurrent_sites = 0", r"concurrent_sites = 0: .*от 1"),
        ("download_delay = 1.0", "download_delay = -1.0", "от 0 до 60"),
        ("max_minutes_per_site = 15", "max_minutes_per_site = 0", "от 0.01 до 1440"),
        ("smtp_port = 587", "smtp_port = 0", r"\[mail\] smtp_port = 0: .*от 1 до 65535"),
    ],
)
def test_broken_config_is_named(tmp_path, old, new, expected):
    path = init_workspace(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(UserError, match=expected):
        load_workspace(tmp_path)


def test_missing_workspace_tells_how_to_create_it(tmp_path):
    with pytest.raises(UserError, match="cmn-audit init"):
        load_workspace(tmp_path / "nowhere")


def test_run_ids_sort_and_never_collide():
    from cmn_audit.store import new_run_id

    now = dt.datetime(2026, 11, 23, 10, 15, 2)
    taken = {"20261123-101502", "20261123-101502-2"}
    assert new_run_id(now) == "20261123-101502"
    assert new_run_id(now, taken=taken.__contains__) == "20261123-101502-3"


def test_dates_may_be_quoted_or_written_as_toml_dates(tmp_path):
    path = init_workspace(tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace('deadline = ""', "deadline = 2026-12-15", 1)
    text = text.replace('letter_date = ""', 'letter_date = "2026-11-25"', 1)
    path.write_text(text, encoding="utf-8")
    workspace = load_workspace(tmp_path)
    assert workspace.audit.deadline == dt.date(2026, 12, 15)
    assert workspace.letters.letter_date == dt.date(2026, 11, 25)


def test_a_damaged_store_is_not_called_busy(tmp_path):
    damaged = tmp_path / "cmn-audit.duckdb"
    damaged.write_bytes(b"not a database " * 400)
    for read_only in (False, True):
        with pytest.raises(UserError, match="повреждён или не является базой") as refused:
            connect(damaged, read_only=read_only)
        assert "занята" not in str(refused.value)


def test_a_store_held_by_a_run_is_called_busy(tmp_path):
    held = tmp_path / "cmn-audit.duckdb"
    connect(held).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_STORE, str(held)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(UserError, match="занята идущим запуском"):
            connect(held)
    finally:
        holder.kill()
        holder.wait()


HOLD_STORE = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
time.sleep(60)
"""


def test_init_writes_placeholders_that_look_like_placeholders_and_run_warns(tmp_path):
    init_workspace(tmp_path / "ws")
    workspace = load_workspace(tmp_path / "ws")
    assert set(workspace.centre.unfilled) == {
        "name",
        "address",
        "phone",
        "email",
        "signatory_name",
        "signatory_post",
        "executor_name",
        "executor_phone",
    }
    assert all(value.startswith("[") for value in workspace.centre.__dict__.values())
    lines: list[str] = []
    with pytest.raises(UserError):  # no registry: refused after the warning
        run_audit(workspace, tmp_path / "absent.csv", echo=lines.append)
    assert "не заполнены бланк центра" in lines[0] and "centre.executor_phone" in lines[0]
    assert "reference.basis" in lines[0]
    assert "черновики писем для отправки (.eml) не готовятся" in lines[0]  # and why


def test_the_demo_names_a_deadline_and_a_made_up_centre(tmp_path):
    init_demo_workspace(tmp_path / "ws", today=dt.date(2026, 12, 6))
    workspace = load_workspace(tmp_path / "ws")
    assert workspace.audit.deadline == dt.date(2027, 1, 5)
    assert workspace.centre.unfilled == () and "000" in workspace.centre.phone


def test_demo_serve_keeps_the_sites_up_until_interrupted_and_tells_how_to_try_them(
    tmp_path, monkeypatch
):
    registry = tmp_path / "demo-web" / "registry.csv"
    state = {"serving": False}

    @contextmanager
    def sites(root):
        state["serving"] = True
        yield SimpleNamespace(
            sites=(), registry_path=registry, truth_path=None, municipal_resource_url="http://x/"
        )
        state["serving"] = False

    outcome = SimpleNamespace(run_id="20261206-100000")
    monkeypatch.setattr(demo_audit, "running_demo", sites)
    monkeypatch.setattr(demo_audit, "run_audit", lambda *args, **kwargs: outcome)
    said: list[str] = []
    seen: list[bool] = []
    demo_audit.run_demo(
        tmp_path / "ws",
        echo=said.append,
        serve=True,
        announce=lambda done: said.append(f"reports of {done.run_id}"),
        wait=lambda: seen.append(state["serving"]),
    )
    assert seen == [True] and not state["serving"]  # up while waiting, stopped after
    assert said.index("reports of 20261206-100000") < len(said) - 2
    notice = said[-2]
    assert "cmn-audit init" in notice and f"--registry {registry.resolve()}" in notice
    assert "allow_private_addresses = true" in notice and said[-1] == messages.DEMO_STOPPED


def test_the_reports_name_the_registrys_municipality_unless_the_config_does(tmp_path):
    orgs = tuple(
        Organisation(code, "Школа", code, "школа", "http://s/", "", "", "Тарский район")
        for code in ("s1", "s2")
    )
    init_workspace(tmp_path / "a")
    assert run_municipality(load_workspace(tmp_path / "a"), orgs) == "Тарский район"
    init_workspace(tmp_path / "b", overrides={"audit": {"municipality": "Тарский МР"}})
    assert run_municipality(load_workspace(tmp_path / "b"), orgs) == "Тарский МР"


def test_the_centre_sets_a_profile_parameter_for_its_territory(tmp_path):
    init_workspace(tmp_path / "ws")
    set_profile_param(tmp_path / "ws", "normative_resource_urls", ["https://uo.example.ru/"])
    set_profile_param(tmp_path / "ws", "normative_resource_urls", ["https://imc.example.ru/"])
    workspace = load_workspace(tmp_path / "ws")
    assert dict(workspace.profile_params) == {
        "normative_resource_urls": ["https://imc.example.ru/"]
    }
    assert workspace.profile().params["normative_resource_urls"] == ["https://imc.example.ru/"]
    # Another profile takes only the parameters it has.
    assert "normative_resource_urls" not in workspace.profile("izhevsk_2023").params


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("normative_resource_url", ["https://uo.example.ru/"], "нет такого параметра"),
        ("normative_resource_urls", "https://uo.example.ru/", "того же вида"),
    ],
)
def test_a_mistaken_profile_parameter_is_refused_in_russian(tmp_path, key, value, says):
    init_workspace(tmp_path / "ws")
    set_profile_param(tmp_path / "ws", key, value)
    with pytest.raises(ProfileError, match=says):
        load_workspace(tmp_path / "ws").profile()
