"""`cmn-audit rules` through the real CLI, and the worked example of docs/profiles.md."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

from support import cli

from audit_rules import load_profile
from audit_rules.catalogue import render_catalogue
from audit_rules.registry import PROFILES_DIR, available_profiles
from cmn_audit.config import init_workspace

DOCS = Path(__file__).resolve().parents[1] / "docs"
EXAMPLE = DOCS / "examples" / "my_centre.toml"
BASE = load_profile("ust_ishim_2022")


def test_validate_accepts_the_worked_example() -> None:
    done = cli("rules", "validate", str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Профиль my_centre_2023 корректен: правил 15, примеров 44 — все ведут себя как заявлено",
        "Построен на профиле: ust_ishim_2022",
    ]


def test_the_worked_example_is_what_the_how_to_says() -> None:
    profile = load_profile(EXAMPLE)
    expected_ids = [f"UI-{n:02d}" for n in (*range(1, 13), 14, 15)] + ["MC-01"]
    assert [rule.id for rule in profile.rules] == expected_ids
    assert profile.rule("UI-12").weight == 2
    assert profile.rule("UI-03").deadline == date(2023, 10, 1)
    new = profile.rule("MC-01")
    assert (new.severity, new.deadline, new.source.id) == (
        "recommended",
        date(2023, 12, 1),
        "centre-letter-2023",
    )
    assert {example.expect for example in new.examples} == {"pass", "fail"}
    assert profile.version == "2023.1+ust_ishim_2022@2022.2"
    assert [source.id for source in profile.sources] == ["ui-letter-62-2022", "centre-letter-2023"]
    assert (profile.levels, dict(profile.params)) == (BASE.levels, dict(BASE.params))
    # The how-to quotes the file: the TOML block of the section must say the same.
    how_to = (DOCS / "profiles.md").read_text(encoding="utf-8")
    section = how_to[how_to.index("## Как написать профиль своего центра") :]
    block = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    assert tomllib.loads(block) == tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert "2023.1+ust_ishim_2022@2022.2" in section


def test_validate_refuses_a_broken_file_in_russian(tmp_path: Path) -> None:
    text = (PROFILES_DIR / "ust_ishim_2022.toml").read_text(encoding="utf-8")
    path = tmp_path / "broken.toml"
    path.write_text(text.replace('id = "UI-02"', 'id = "UI-01"', 1), encoding="utf-8")
    done = cli("rules", "validate", str(path))
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip() == (
        "Ошибка: Профиль ust_ishim_2022: правило «UI-01» объявлено дважды"
    )


def test_validate_names_a_missing_file(tmp_path: Path) -> None:
    done = cli("rules", "validate", str(tmp_path / "none.toml"))
    assert done.returncode == 1
    assert "не найден" in done.stderr
    assert "Traceback" not in done.stderr


def test_list_shows_every_bundled_profile_by_default() -> None:
    done = cli("rules", "list")
    assert done.returncode == 0, done.stderr
    headings = [line for line in done.stdout.splitlines() if line.startswith("Профиль ")]
    assert [heading.split(",")[0] for heading in headings] == [
        f"Профиль {name}" for name in available_profiles()
    ]
    assert re.search(
        r"^  UI-09\s+размещение на сайте\s+необязательно\s+1  Приказы о закреплении",
        done.stdout,
        re.M,
    )
    assert re.search(
        r"^  ART-03\s+по практике центра\s+рекомендуется\s+1  Приказ о внедрении", done.stdout, re.M
    )


def test_list_of_a_composed_profile(tmp_path: Path) -> None:
    done = cli("rules", "list", "--profile", str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Профиль my_centre_2023, версия 2023.1+ust_ishim_2022@2022.2:")
    assert lines[1] == "Построен на профиле: ust_ishim_2022"
    codes = [line.split()[0] for line in lines[2:]]
    assert codes == [f"UI-{n:02d}" for n in (*range(1, 13), 14, 15)] + ["MC-01"]
    assert re.search(
        r"^  UI-12\s+размещение на сайте\s+обязательно\s+2  Новости", done.stdout, re.M
    )


def test_list_takes_the_workspace_profile(tmp_path: Path) -> None:
    init_workspace(tmp_path / "ws")
    done = cli("rules", "list", "-w", str(tmp_path / "ws"))
    assert done.returncode == 0, done.stderr
    headings = [line for line in done.stdout.splitlines() if line.startswith("Профиль ")]
    assert len(headings) == 1
    assert headings[0].startswith("Профиль ust_ishim_2022, версия 2022.2:")


def test_show_tells_everything_about_a_rule() -> None:
    done = cli("rules", "show", "UI-03", "--profile", str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    rule = load_profile(EXAMPLE).rule("UI-03")
    for text in (
        "UI-03 — профиль my_centre_2023, версия 2023.1+ust_ishim_2022@2022.2",
        rule.title,
        rule.source.citation,
        f"«{rule.quote}»",
        "Обязательность: обязательно; вес 1",
        "Действует: с 01.09.2023",
        "Срок выполнения по основанию: до 01.10.2023",
        "v_documents",
        rule.where,
        rule.recommendation,
        "• приказ для обучающихся → выполнено",
        "documents: kind=order_implementation, audience=teachers",
    ):
        assert text in done.stdout, text


def test_show_refuses_an_unknown_rule_in_russian() -> None:
    done = cli("rules", "show", "ZZ-99", "--profile", "ust_ishim_2022")
    assert done.returncode == 2
    assert done.stderr.strip() == ("Ошибка: Правило «ZZ-99» не найдено в профилях: ust_ishim_2022")


def test_docs_writes_the_catalogue(tmp_path: Path) -> None:
    target = tmp_path / "out" / "rules.md"
    done = cli("rules", "docs", "--output", str(target))
    assert done.returncode == 0, done.stderr
    assert str(target.resolve()) in done.stdout
    assert target.read_text(encoding="utf-8") == render_catalogue()
    for name in available_profiles():
        assert f"Профиль `{name}`" in target.read_text(encoding="utf-8")
