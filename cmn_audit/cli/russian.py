"""Click's own texts retold in Russian — usage errors and help — so a user reads no English."""

from __future__ import annotations

import importlib
import re

import click

from cmn_audit import messages

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
HELP_EXTRA = re.compile(r"\[(default|required)(: [^\]]*)?\]")
EXTRA_ARGUMENTS = re.compile(r"unexpected extra arguments? \((.*)\)")


def russian_error(text: str) -> str:
    """An error's text with the library phrases it carries retold in Russian."""
    for phrase, russian in messages.LIBRARY_PHRASES.items():
        text = text.replace(phrase, russian)
    return text


def usage_problem(error: click.UsageError) -> str:
    """What was wrong with the call, in Russian, from the error's own attributes."""
    text = messages.USAGE_PROBLEMS
    if isinstance(error, click.NoSuchOption):
        hint = _maybe(error.possibilities)
        return text["no_such_option"].format(name=error.option_name) + hint
    if isinstance(error, click.MissingParameter):
        kind = "missing_argument" if isinstance(error.param, click.Argument) else "missing_option"
        return text[kind].format(name=_param_name(error))
    if isinstance(error, click.BadParameter):
        return text["bad_value"].format(name=_param_name(error), reason=_bad_reason(error))
    if isinstance(error, click.BadOptionUsage):
        return text["option_needs_value"].format(name=error.option_name)
    if isinstance(error, click.exceptions.NoSuchCommand):
        hint = _maybe(error.possibilities)
        return text["no_such_command"].format(name=error.command_name) + hint
    if extra := EXTRA_ARGUMENTS.search(error.message):
        return text["extra_arguments"].format(names=extra.group(1))
    return error.format_message()


def _maybe(possibilities) -> str:
    names = sorted(possibilities or ())
    return messages.USAGE_PROBLEMS["did_you_mean"].format(names=", ".join(names)) if names else ""


def _param_name(error: click.BadParameter) -> str:
    param = error.param
    if param is None:
        return str(error.param_hint or "")
    if isinstance(param, click.Argument):
        return (param.metavar or param.name or "").upper()
    return max(param.opts, key=len)


def _bad_reason(error: click.BadParameter) -> str:
    """Our own checks already speak Russian; Click's type checks are named by what they expect."""
    if CYRILLIC.search(error.message):
        return error.message
    kind = error.param.type if error.param is not None else None
    if isinstance(kind, click.Choice):
        choices = ", ".join(str(choice) for choice in kind.choices)
        return messages.USAGE_PROBLEMS["choose_from"].format(choices=choices)
    if isinstance(kind, click.types.IntParamType | click.types.FloatParamType):
        return messages.USAGE_PROBLEMS["number_expected"]
    if isinstance(kind, click.Path):
        return messages.USAGE_PROBLEMS["path_problem"]
    if isinstance(kind, click.DateTime):
        return messages.USAGE_PROBLEMS["date_expected"]
    return messages.USAGE_PROBLEMS["bad_value_generic"]


class RussianHelpFormatter(click.HelpFormatter):
    """Click's help layout with Russian headings, usage prefix and option notes."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix or messages.HELP_TEXTS["Usage:"] + " ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(messages.HELP_TEXTS.get(heading, heading))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, _russian_note(text)) for term, text in rows], col_max, col_spacing)


class RussianContext(click.Context):
    formatter_class = RussianHelpFormatter


def speak_russian(command: click.Command) -> None:
    """Give the command and every subcommand the Russian help: formatter and placeholders."""
    command.context_class = RussianContext
    command.options_metavar = messages.HELP_TEXTS["[OPTIONS]"]
    if isinstance(command, click.Group):
        command.subcommand_metavar = messages.HELP_TEXTS["COMMAND [ARGS]..."]
    for param in command.params:
        if isinstance(param, click.Option) and not param.is_flag and param.metavar is None:
            param.metavar = messages.HELP_METAVARS.get(param.type.name)
    for sub in getattr(command, "commands", {}).values():
        speak_russian(sub)


def _russian_note(text: str) -> str:
    text = text.replace("Show this message and exit.", messages.HELP_TEXTS["help"])
    return HELP_EXTRA.sub(
        lambda m: f"[{messages.HELP_TEXTS[m.group(1)]}{m.group(2) or ''}]",
        text,
    )


class LazyWorkflowGroup(click.Group):
    """The commands listed in `--help` in the order a methodologist uses them, each imported
    from its module (`modules`: name → module with a COMMANDS tuple) when it is called."""

    def __init__(self, *args, modules: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.modules = modules

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.modules)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in self.modules:
            module = importlib.import_module(self.modules[name])
            for command in module.COMMANDS:
                speak_russian(command)
                self.commands.setdefault(command.name, command)
        return self.commands.get(name)
