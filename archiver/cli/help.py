"""How the commands' help reads: ``--help`` shown as a flag, an argument's value by the name it
is given (``PATH...``), an option's value as a person names it (``--archive PATH``), nothing
for a flag, and paragraphs that wrap to the terminal. typer would print Python types
(``<bool>``, ``<list[Path]>``) and keep a docstring's line breaks. And how a usage error
reads: as every other error, not in typer's box."""

from __future__ import annotations

import inspect
import shlex
import sys
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer._click.exceptions import NoArgsIsHelpError, NoSuchOption, UsageError
from typer.core import TyperArgument, TyperCommand, TyperGroup
from typer.models import ArgumentInfo, OptionInfo

# typer (0.29 on, as pyproject.toml requires) keeps its own copy of click and installs none:
# the installed command must not need click, imported here for the annotations only
if TYPE_CHECKING:
    import click


class _Argument(TyperArgument):
    """A positional argument whose help shows the value's name given where it is declared
    once, in typer's first column (``PATH``), then ``...`` where it takes several: typer's
    shows its Python type there (``<list[Path]>``), or the name again."""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        if self.metavar is None:
            return super().display_type_rich(ctx)
        return "..." if self.nargs != 1 else None


class _FlagHelp:
    """``--help`` shown as the flag it is: typer's help shows it taking ``<bool>``. A mixin
    before typer's command and group classes (typer's click is its own, not ``click``).
    Help read by a program that stops reading (``--help | head -1``) was shown as far as it
    was wanted: exit 0, where click would exit 1 ("a citation is wrong" for verify)."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        try:
            super().format_help(ctx, formatter)  # type: ignore[misc]
            sys.stdout.flush()  # typer's rich help is printed here, not returned
        except BrokenPipeError:
            from archiver.cli.base import stdout_gone  # (base builds on this module)

            stdout_gone()
        except SystemExit as exc:
            # rich's console, printing typer's help, meets the closed pipe itself: it sends
            # the rest to /dev/null, then exits 1; nothing else in printing help exits
            if exc.code != 1:
                raise

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None and option.metavar is None:
            option.metavar = ""
        return option


class _PlainUsageErrors:
    """A usage error (an unknown option or command, a missing argument, a value not allowed)
    said as every other error is, ``archiver: error: …`` and a hint, with the command's
    usage between, where typer would draw a box around it: a script looks for one form. A
    mixin before typer's command and group classes, as :class:`_FlagHelp` is."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        with _said_plainly():
            return super().make_context(info_name, args, parent, **extra)  # type: ignore[misc]

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc]
        except UsageError as exc:
            # the parser says some without the context ("Option '--format' requires an
            # argument.", "Option '--no-fetch' does not take a value."): it is this one
            if exc.ctx is None:
                exc.ctx = ctx
            raise


class _Command(_PlainUsageErrors, _FlagHelp, TyperCommand):
    """A command whose help shows ``--help`` as a flag and names its arguments' values."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument  # the same object, its help method replaced


class Group(_PlainUsageErrors, _FlagHelp, TyperGroup):
    """The command groups' help, ``--help`` shown as a flag; their usage errors said plainly
    (an unknown command is found when the group is invoked, after its context is made)."""

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        with _said_plainly():
            return super().resolve_command(ctx, args)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        given = list(args)  # (click's parser takes the options off the list it is given)
        try:
            return super().parse_args(ctx, args)
        except NoSuchOption as exc:
            hint = _after_the_command(self, ctx, exc.option_name, given)
            if hint is not None:  # (click's "Possible options: --version" would mislead)
                exc.hint, exc.possibilities = hint, []  # type: ignore[attr-defined]
            raise


def _after_the_command(group: click.Group, ctx: click.Context, option: str, args: list[str]
                       ) -> str | None:
    """The command line as it should have been typed, where options were typed before the
    command name that takes them (``archiver --archive X ingest a.md`` → ``archiver ingest a.md
    --archive X``); where no command is named, the commands that take the option. click says
    only "No such option", which reads as if the option did not exist at all."""
    at = _command_at(group, args)
    if at is None:
        takes = sorted(name for name, command in group.commands.items()
                       if option in _options_of(command))
        return (f"options go after the command name: `{ctx.command_path} COMMAND {option} …`"
                f" ({', '.join(takes)})") if takes else None
    names, command, rest = [args[at]], group.commands[args[at]], at + 1
    while rest < len(args) and args[rest] in getattr(command, "commands", ()):
        names.append(args[rest])
        command, rest = command.commands[args[rest]], rest + 1
    options, moved, i = _options_of(command), [], 0
    while i < at:
        param = options.get(args[i].split("=", 1)[0])
        if param is None:
            return None  # not the command's either: click's message is the whole story
        width = 2 if _takes_value(param) and "=" not in args[i] else 1
        moved += args[i:i + width]
        i += width
    return ("options go after the command name: "
            f"`{shlex.join([ctx.command_path, *names, *args[rest:], *moved])}`")


def _command_at(group: click.Group, args: list[str]) -> int | None:
    """Where the command's name is among ``args``, the options before it passed over with
    their values (``archiver --archive list list``: the second ``list``): an option some
    command takes a value for takes the word after it."""
    takes_value = {name for command in group.commands.values()
                   for name, param in _options_of(command).items() if _takes_value(param)}
    at = 0
    while at < len(args):
        arg = args[at]
        if not arg.startswith("-"):
            return at if arg in group.commands else None
        at += 2 if arg in takes_value else 1
    return None


def _takes_value(option: Any) -> bool:
    """Whether an option takes the word after it (a flag or a counter takes none)."""
    return not (option.is_flag or option.count)


def _options_of(command: click.Command) -> dict[str, Any]:
    """A command's options by each name they answer to (``--json``, ``-q``, ``--no-fetch``).
    (Told apart from its arguments by their kind's name: typer's click is its own copy,
    whose classes are not ``click``'s.)"""
    return {name: param for param in command.params if param.param_type_name == "option"
            for name in (*param.opts, *param.secondary_opts)}


@contextmanager
def _said_plainly() -> Iterator[None]:
    """Usage errors raised inside: said plainly on stderr, then exit 2 (typer's Exit)."""
    try:
        yield
    except UsageError as exc:
        if isinstance(exc, NoArgsIsHelpError) or exc.ctx is None:
            raise  # the help itself is shown for it; without a context, typer's own form
        # typer checks values with pydantic, whose message opens "Value error, "
        message = exc.format_message().replace(": Value error, ", ": ")
        usage = exc.ctx.get_usage().removeprefix("Usage:").strip()
        path = exc.ctx.command_path
        hint = getattr(exc, "hint", None) or f"`{path} -h` shows how it is used"
        sys.stderr.write(f"archiver: error: {message}\n  usage: {usage}\n  hint: {hint}\n")
        raise typer.Exit(exc.exit_code) from None


_VALUE_NAMES: dict[Any, str] = {Path: "PATH", str: "TEXT", int: "N", float: "NUMBER"}


def _commands(application: typer.Typer, callbacks: bool = False) -> Iterator[Any]:
    """Every command of ``application`` and of its groups (``refs parse``); with
    ``callbacks``, theirs too (the options given before a command: ``archiver --version``)."""
    for group in [application, *(g.typer_instance for g in application.registered_groups)]:
        yield from group.registered_commands
        if callbacks and group.registered_callback is not None:
            yield group.registered_callback


def name_values(application: typer.Typer) -> None:
    """Help that names what an option takes as a person would (``--archive PATH``), and
    nothing for a flag, where typer would print the Python type (``<bool>``,
    ``<list[Path]>``). Metavars given where an option is declared are kept."""
    for command in _commands(application, callbacks=True):
        if getattr(command, "cls", Group) in (None, TyperCommand):
            command.cls = _Command
        hints = typing.get_type_hints(command.callback)
        for name, parameter in inspect.signature(command.callback).parameters.items():
            info = parameter.default
            if not isinstance(info, OptionInfo | ArgumentInfo) or info.metavar is not None:
                continue
            hint = hints.get(name)
            if hint is bool:
                info.metavar = ""
                continue
            inner = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
            if typing.get_origin(hint) is list:
                inner = list(typing.get_args(hint))
            if len(inner) == 1 and inner[0] in _VALUE_NAMES:
                info.metavar = _VALUE_NAMES[inner[0]]


def flow_help(application: typer.Typer) -> None:
    """Each command's help as paragraphs that wrap to the terminal: typer keeps the line
    breaks of a docstring, so a narrow terminal showed every source line broken in two."""
    for command in _commands(application):
        doc = command.help or inspect.getdoc(command.callback) or ""
        command.help = "\n\n".join(" ".join(paragraph.split())
                                    for paragraph in doc.split("\n\n"))
