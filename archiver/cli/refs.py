"""``archiver refs parse``: reference strings into fields."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from archiver.cli.base import (
    TracebackOpt,
    app,
    emit_json,
    err,
    no_empty,
    reported_errors,
    stdin_text,
    verbose_option,
    writing_stdout,
)
from archiver.cli.help import Group
from archiver.textfiles import text_file, text_lines

refs_app = typer.Typer(cls=Group, help="Work with reference strings.", no_args_is_help=True)


app.add_typer(refs_app, name="refs")


@refs_app.command("parse")
def refs_parse(
    source: str = typer.Argument("-", metavar="FILE|-",
                                 help="File with one reference string per line; - for stdin."),
    as_json: bool = typer.Option(False, "--json", help="One CSL-JSON item per input line "
                                                       "(JSON Lines; {} when nothing parsed)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No note on stderr that references "
                                                            "are awaited from the terminal "
                                                            "(errors are still shown)."),
    show_traceback: bool = TracebackOpt,
    verbose: bool = verbose_option(),
) -> None:
    """Parse reference strings (APA, MLA, Chicago, Vancouver, GB/T 7714…) into fields.

    Prints one line per reference (authors | year | title | journal | volume | issue | pages |
    DOI); with --json, one CSL-JSON item per line.
    """
    from archiver.citations.parse import csl_type, parse_reference

    with reported_errors(show_traceback, verbose, quiet):
        no_empty([source], "path")
        if source == "-":
            # not waiting in silence for what the user may not know
            if sys.stdin is not None and sys.stdin.isatty() and not quiet:
                err.print("reading reference strings, one per line; end with Ctrl-D",
                          markup=False)
            lines = text_lines(stdin_text())
        else:
            lines = text_lines(text_file(Path(source)))
        with writing_stdout():
            for number, line in enumerate(lines, 1):
                item = parse_reference(line) if line.strip() else {}
                if as_json:
                    # CSL-JSON requires an id and a type; {} stays {} (nothing parsed)
                    emit_json({"id": f"ref{number}", "type": csl_type(line, item), **item}
                               if item else item)
                else:
                    typer.echo(_describe_item(item))


def _describe_item(item: dict[str, Any]) -> str:
    """The eight columns the help names, an empty one kept empty, so that each stays in its
    place (``cut -d'|' -f3`` is the title); --json is the form for programs."""
    if not item:
        return "(nothing parsed)"
    from archiver.export.formats import family_first

    authors = "; ".join(family_first(a) for a in item.get("author", []))
    year = (item.get("issued") or {}).get("date-parts", [[None]])[0][0]
    parts = [authors, f"({year})" if year else "", item.get("title", ""),
             item.get("container-title", ""), item.get("volume", ""),
             f"({item['issue']})" if item.get("issue") else "", item.get("page", ""),
             item.get("DOI", "")]
    return " | ".join(str(p) for p in parts).rstrip()
