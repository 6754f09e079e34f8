"""The ``kg`` command line: thin wrappers over the API, errors turned into one line here."""
from __future__ import annotations

import sys
import traceback
import warnings
from collections import Counter
from pathlib import Path

import click

from . import __version__
from .errors import KGError, KGWarning

__all__ = ["main", "cli"]


def _show_warning(message, category, filename, lineno, file=None, line=None):
    click.echo(f"warning: {message}", err=True)


class _Group(click.Group):
    """Turns kg's errors into ``error: …`` and exit code 1; ``--debug`` keeps the traceback."""

    def invoke(self, ctx):
        debug = "--debug" in sys.argv or ctx.params.get("debug")
        try:
            return super().invoke(ctx)
        except KGError as err:
            if debug:
                traceback.print_exc()
            raise click.ClickException(str(err)) from err
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="kg")
@click.option("--debug", is_flag=True, help="Show tracebacks on errors.")
def cli(debug):
    """kg: turn a folder of news articles into an entity knowledge graph."""
    warnings.showwarning = _show_warning
    warnings.simplefilter("always", KGWarning)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", default="out", show_default=True, type=click.Path(path_type=Path),
              help="Folder for graph.graphml and graph.html.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
              help="Force the language of every document (default: detected per document).")
@click.option("--gazetteer", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=None,
              help="File of known entities: name, type, aliases.")
def build(paths, out_dir, lang, gazetteer):
    """Read the articles under PATHS (default: seeds/) and write the graph to OUTPUT."""
    from .api import extract
    from .corpus import read_documents
    from .export import write_graphml, write_html
    from .graph import assemble_graph

    if out_dir.exists() and not out_dir.is_dir():
        raise click.ClickException(f"output path is a file, not a folder: {out_dir}")
    docs = list(read_documents(paths or [Path("seeds")]))
    if not docs:
        raise click.ClickException("no documents found: give a folder or files holding .txt articles")
    show_bar = len(docs) >= 20 and sys.stderr.isatty()
    with click.progressbar(length=len(docs), label="reading", file=sys.stderr) if show_bar else _NoBar() as bar:
        results = extract(docs, lang=lang, gazetteer=str(gazetteer) if gazetteer else None,
                          progress=lambda _res: bar.update(1))
    graph = assemble_graph(results)
    written = [write_graphml(graph, out_dir / "graph.graphml"), write_html(graph, out_dir / "graph.html")]
    per_rel = Counter(k for _, _, k in graph.edges(keys=True))
    click.echo(f"documents: {len(results)}")
    click.echo(f"entities:  {graph.number_of_nodes()}")
    click.echo("relations: " + ", ".join(f"{rel} {per_rel.get(rel, 0)}" for rel in ("funds", "partners-with", "competes-with")))
    for path in written:
        click.echo(f"wrote {path}")


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n):
        pass


def main():
    cli(prog_name="kg")
