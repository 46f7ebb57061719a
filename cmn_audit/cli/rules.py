"""`cmn-audit rules`: list and show the rules of a profile, validate a file, write the catalogue."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from audit_rules import Profile, ProfileError, load_profile
from audit_rules import messages as msg
from audit_rules.catalogue import RULES_DOC, render_rule, write_catalogue
from audit_rules.model import FACT_TABLES, Example
from audit_rules.registry import available_profiles
from cmn_audit.config import CONFIG_NAME, load_workspace
from cmn_audit.messages import UserError

PROFILE_OPTION = click.option(
    "--profile",
    "-p",
    default=None,
    help="Профиль: имя встроенного (ust_ishim_2022) или путь к файлу .toml.",
)
WORKSPACE_OPTION = click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Рабочая папка: взять профиль из её config.toml.",
)


@click.group()
def rules() -> None:
    """Правила аудита: список, описание правила, проверка файла профиля, каталог."""


@rules.command("list")
@PROFILE_OPTION
@WORKSPACE_OPTION
def list_rules(profile: str | None, workspace: Path | None) -> None:
    """Показать правила профиля: код, вид основания, обязательность, вес, требование."""
    for index, loaded in enumerate(chosen_profiles(profile, workspace)):
        if index:
            click.echo("")
        click.echo(profile_heading(loaded))
        rows = [
            (
                rule.id,
                msg.BASIS_SHORT[rule.basis],
                msg.SEVERITY_LABELS[rule.severity],
                f"{rule.weight:g}",
                rule.title,
            )
            for rule in loaded.rules
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(4)]
        for rule_id, basis, severity, weight, title in rows:
            click.echo(
                f"  {rule_id:<{widths[0]}}  {basis:<{widths[1]}}  {severity:<{widths[2]}}  "
                f"{weight:>{widths[3]}}  {title}"
            )


@rules.command()
@click.argument("rule_id", metavar="КОД")
@PROFILE_OPTION
@WORKSPACE_OPTION
def show(rule_id: str, profile: str | None, workspace: Path | None) -> None:
    """Показать всё о правиле: основание и цитату, вес, сроки, условие, рекомендацию, примеры."""
    profiles = chosen_profiles(profile, workspace)
    found = [(loaded, loaded.rule(rule_id)) for loaded in profiles if has_rule(loaded, rule_id)]
    if not found:
        names = ", ".join(loaded.id for loaded in profiles)
        raise UserError(msg.RULE_NOT_FOUND.format(rule_id=rule_id, profiles=names))
    for index, (loaded, rule) in enumerate(found):
        if index:
            click.echo("")
        click.echo(
            msg.RULE_HEADING.format(rule_id=rule.id, profile=loaded.id, version=loaded.version)
        )
        click.echo("")
        click.echo("\n".join(render_rule(rule, with_examples=False)))
        click.echo(msg.EXAMPLES_HEADING)
        for example in rule.examples:
            click.echo("\n".join(example_lines(example)))


@rules.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def validate(file: Path) -> None:
    """Проверить файл профиля: ключи, основания, условия SQL и все примеры правил."""
    try:
        loaded = load_profile(file)
    except ProfileError as error:
        click.echo(f"Ошибка: {error}", err=True)
        sys.exit(1)
    examples = sum(len(rule.examples) for rule in loaded.rules)
    click.echo(
        msg.PROFILE_VALID.format(profile=loaded.id, rules=len(loaded.rules), examples=examples)
    )
    if loaded.extends:
        click.echo(msg.PROFILE_BASED_ON.format(chain=" → ".join(loaded.extends)))


@rules.command()
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=RULES_DOC,
    show_default=True,
    help="Куда записать каталог.",
)
def docs(output: Path) -> None:
    """Записать каталог правил всех встроенных профилей (docs/rules.md)."""
    try:
        path = write_catalogue(output)
    except ProfileError as error:
        raise UserError(str(error)) from error
    click.echo(msg.CATALOGUE_WRITTEN.format(path=path.resolve()))


def chosen_profiles(profile: str | None, workspace: Path | None) -> list[Profile]:
    """The profile asked for, else the workspace's, else every bundled profile."""
    if profile is not None:
        names = [profile]
    elif workspace is not None and (workspace / CONFIG_NAME).is_file():
        names = [load_workspace(workspace).audit.profile]
    else:
        names = list(available_profiles())
    try:
        return [load_profile(name) for name in names]
    except ProfileError as error:
        raise UserError(str(error)) from error


def has_rule(profile: Profile, rule_id: str) -> bool:
    """Whether the profile declares a rule with this id."""
    return any(rule.id == rule_id for rule in profile.rules)


def profile_heading(profile: Profile) -> str:
    """«Профиль …, версия …: название», and its bases when it extends one."""
    heading = msg.PROFILE_HEADING.format(
        id=profile.id, version=profile.version, title=profile.title
    )
    if profile.extends:
        heading += "\n" + msg.PROFILE_BASED_ON.format(chain=" → ".join(profile.extends))
    return heading


def example_lines(example: Example) -> list[str]:
    """An example's name, expected outcome and the facts it declares."""
    lines = [msg.EXAMPLE_LINE.format(name=example.name, outcome=msg.OUTCOME_LABELS[example.expect])]
    for table in FACT_TABLES:
        value = getattr(example, table)
        rows = [value] if table == "site" else list(value)
        for row in rows:
            if row:
                facts = ", ".join(f"{key}={item}" for key, item in row.items())
                lines.append(msg.EXAMPLE_FACTS.format(table=table, facts=facts))
    return lines


COMMANDS = (rules,)
