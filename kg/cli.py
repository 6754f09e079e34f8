"""The ``kg`` command line: thin wrappers over the API, errors turned into one line here."""
from __future__ import annotations

import sys
import traceback
import warnings
from collections import Counter
from pathlib import Path

import click

from . import __version__
from .graph import MIN_CONFIDENCE
from .errors import InputError, KGError, KGWarning

__all__ = ["main", "cli"]


def _show_warning(message, category, filename, lineno, file=None, line=None):
    click.echo(f"warning: {message}", err=True)


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split("\n")).strip()


class _Error(click.ClickException):
    """An error shown as one line ``error: …`` on stderr (exit code 1)."""

    def show(self, file=None):
        click.echo(f"error: {self.format_message()}", err=True)


class _UsageError(click.UsageError):
    """A bad option or argument in one line pointing to ``--help``, not click's usage block (exit 2)."""

    def show(self, file=None):
        hint = f" (see `{self.ctx.command_path} --help`)" if self.ctx else ""
        click.echo(f"error: {self.format_message()}{hint}", err=True)


def _usage_error(err: click.UsageError) -> click.UsageError:
    if isinstance(err, (_UsageError, click.exceptions.NoArgsIsHelpError)):
        return err
    return _UsageError(_one_line(err.format_message()), err.ctx)


class _Group(click.Group):
    """The one place where errors become one line on stderr and an exit code.

    kg's own errors and unexpected exceptions: ``error: …``, exit 1 (``--debug`` prints the
    traceback first); usage errors: exit 2; Ctrl-C: ``interrupted``, exit 130. Warnings are shown
    as ``warning: …`` while a command runs.
    """

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as err:
            raise _usage_error(err) from err

    def invoke(self, ctx):
        debug = ctx.params.get("debug")
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            warnings.simplefilter("always", KGWarning)
            try:
                return super().invoke(ctx)
            except click.UsageError as err:
                raise _usage_error(err) from err
            except (click.ClickException, click.exceptions.Exit, click.Abort):
                raise
            except KGError as err:
                if debug:
                    traceback.print_exc()
                raise _Error(_one_line(err)) from err
            except KeyboardInterrupt:
                click.echo("interrupted", err=True)
                ctx.exit(130)
            except Exception as err:
                if debug:
                    traceback.print_exc()
                raise _Error(f"unexpected {type(err).__name__}: {_one_line(err)} "
                             "(run with --debug for the traceback)") from err


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="kg")
@click.option("--debug", is_flag=True, help="Show tracebacks on errors.")
def cli(debug):
    """kg: turn a folder of news articles into an entity knowledge graph."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", default="out", show_default=True, type=click.Path(path_type=Path),
              help="Folder for graph.graphml, graph.gexf and graph.html.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
              help="Force the language of every document (default: detected per document).")
@click.option("--gazetteer", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=None,
              help="File of known entities: name, type, aliases.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes parsing documents (with --engine dask: local cluster size).")
@click.option("--no-cache", is_flag=True,
              help="Parse every document again, neither reading nor writing the store.")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of the store of per-article results (store.sqlite3) [default: "
                   "$KG_CACHE_DIR, $XDG_CACHE_HOME/kg or ~/.cache/kg].")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Parse in local processes, or on a dask.distributed cluster.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Dask scheduler address (tcp://host:8786) for --engine dask "
                   "[default: a local cluster of --jobs workers].")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=MIN_CONFIDENCE, show_default=True,
              help="Leave out edges below this confidence (a deal only rumoured once is about 0.4); 0 keeps all.")
def build(paths, out_dir, lang, gazetteer, jobs, no_cache, cache_dir, engine, scheduler, min_confidence):
    """Read the articles under PATHS (default: seeds/) and write the graph to OUTPUT."""
    from .api import build_graph
    from .corpus import SUFFIXES, iter_files
    from .update import outputs_up_to_date, record_outputs
    from .export import write_gexf, write_graphml, write_html
    from .export.atomic import atomic_batch, check_output_dir

    check_output_dir(out_dir)
    paths = paths or (Path("seeds"),)
    files = sum(1 for _ in iter_files(paths))
    found = []
    corpus = f"output:{out_dir.resolve()}"
    targets = [out_dir / "graph.graphml", out_dir / "graph.gexf", out_dir / "graph.html"]

    def up_to_date(changes) -> bool:
        found.append(changes)
        return not no_cache and outputs_up_to_date(cache_dir, corpus, f"{changes.state}|{min_confidence}", targets)

    show_bar = files >= 20 and sys.stderr.isatty()
    with click.progressbar(length=files, label="reading", file=sys.stderr) if show_bar else _NoBar() as bar:
        # The store keeps one corpus per output folder: what was new, changed or removed is
        # counted against the last build into that folder.
        graph = build_graph(paths, lang=lang, gazetteer=str(gazetteer) if gazetteer else None,
                            progress=lambda _file: bar.update(1), jobs=jobs, use_cache=not no_cache,
                            cache_dir=None if no_cache else cache_dir, engine=engine, scheduler=scheduler,
                            min_confidence=min_confidence, corpus=corpus, changes=up_to_date)
    c = found[0]
    if not c.articles:
        raise InputError(f"no documents found in {', '.join(map(str, paths))}: give files or folders "
                         f"holding {', '.join(SUFFIXES)} articles")
    counts = (f"documents: {c.articles} ({c.new} new, {c.changed} changed, {c.unchanged} unchanged, "
              f"{c.removed} removed; {c.parsed} parsed)")
    if graph is None:
        click.echo(f"{counts}\nup to date: {', '.join(map(str, targets))}")
        return
    with atomic_batch():  # both outputs replaced together, only once everything succeeded
        written = [write_graphml(graph, targets[0]), write_gexf(graph, targets[1]), write_html(graph, targets[2])]
    if not no_cache:
        record_outputs(cache_dir, corpus, f"{c.state}|{min_confidence}", targets)
    per_rel = Counter(k for _, _, k in graph.edges(keys=True))
    click.echo(counts)
    click.echo(f"entities:  {graph.number_of_nodes()}")
    click.echo("relations: " + ", ".join(f"{rel} {per_rel.get(rel, 0)}" for rel in ("funds", "partners-with", "competes-with")))
    for path in written:
        click.echo(f"wrote {path}")


@cli.command("eval")
@click.argument("graphml", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("gold", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option("--details/--no-details", default=True, show_default=True,
              help="List the missed and wrong relations and entities.")
def eval_(graphml, gold, as_json, details):
    """Score GRAPHML against annotated articles (GOLD: *.gold.json files or folders)."""
    import json

    from .evaluate import evaluate
    from .readback import read_graph

    report = evaluate(read_graph(graphml), gold).to_dict()
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    if details:
        for key in ("missed_relations", "wrong_relations", "missed_entities", "wrong_entities"):
            for line in report[key]:
                click.echo(f"{key[:-1].replace('_', ' ')}: {line}")
    for rel, m in report["by_relation"].items():
        click.echo(f"{rel:14} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f} "
                   f"(tp={m['tp']} fp={m['fp']} fn={m['fn']})")
    e, r = report["entities"], report["relations"]
    click.echo(f"entities ORG+PER P={e['precision']:.3f} R={e['recall']:.3f} F1={e['f1']:.3f}")
    click.echo(f"relations P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}")


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n):
        pass


def main():
    cli(prog_name="kg")
