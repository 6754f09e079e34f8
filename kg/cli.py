"""The ``kg`` command line: thin wrappers over the API, errors turned into one line here."""
from __future__ import annotations

import sys
import traceback
import warnings
from pathlib import Path

import click

from . import __version__
from .graph import MIN_CONFIDENCE
from .errors import KGError, KGWarning

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
            except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
                raise  # click ends quietly on a closed pipe (`kg eval … | head`)
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
    from .api import build as build_all

    with _ProgressBar() as bar:
        made = build_all(paths or None, out_dir, lang=lang, gazetteer=gazetteer, jobs=jobs,
                         progress=bar.update if sys.stderr.isatty() else None,
                         use_cache=not no_cache, cache_dir=None if no_cache else cache_dir, engine=engine,
                         scheduler=scheduler, min_confidence=min_confidence)
    c = made.changes
    click.echo(f"documents: {c.articles} ({c.new} new, {c.changed} changed, {c.unchanged} unchanged, "
               f"{c.removed} removed; {c.parsed} parsed)")
    if made.graph is None:
        click.echo(f"up to date: {', '.join(map(str, made.files))}")
        return
    click.echo(f"entities:  {made.graph.number_of_nodes()}")
    click.echo("relations: " + ", ".join(f"{rel} {n}" for rel, n in made.relation_counts().items()))
    for path in made.files:
        click.echo(f"wrote {path}")


#: The report's lists, and what one line of each is called.
_DETAIL_LINES = (("missed_relations", "missed relation"), ("wrong_relations", "wrong relation"),
                 ("missed_entities", "missed entity"), ("wrong_entities", "wrong entity"))


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
        for key, name in _DETAIL_LINES:
            for line in report[key]:
                click.echo(f"{name}: {line}")
    for rel, m in report["by_relation"].items():
        click.echo(f"{rel:14} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f} "
                   f"(tp={m['tp']} fp={m['fp']} fn={m['fn']})")
    e, r = report["entities"], report["relations"]
    click.echo(f"entities ORG+PER P={e['precision']:.3f} R={e['recall']:.3f} F1={e['f1']:.3f}")
    click.echo(f"relations P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}")


class _ProgressBar:
    """A progress bar on stderr for corpora of 20 documents or more (given only when stderr is
    a terminal: counting the files costs a second listing of the corpus).

    The bar is made on the first ``update(done, total)``, once the number of documents is known.
    """

    def __init__(self):
        self._bar = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.__exit__(*exc)
        return False

    def update(self, done: int, total: int) -> None:
        if self._bar is None and total >= 20:
            self._bar = click.progressbar(length=total, label="reading", file=sys.stderr).__enter__()
        if self._bar is not None:
            self._bar.update(done - self._bar.pos)


@cli.command()
@click.option("--shared", type=click.Path(path_type=Path, exists=True, file_okay=False), default=Path("../shared"),
              show_default=True, help="The shared data folder (eval/train, eval/dev, corpus/news, data/core).")
@click.option("--annotated", type=click.Path(path_type=Path, exists=True, file_okay=False),
              default=Path("data/annotated/gold"), show_default=True,
              help="Gold files of this repository's annotated articles (texts in SHARED/corpus/news).")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Where to write the scorer [default: the one shipped in kg/learn/].")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the cross-validation folds.")
@click.option("--hold-out-even", is_flag=True, help="Leave out the train set's even-numbered articles (to check on them).")
@click.option("--no-rule-features", is_flag=True, help="Train the scorer without the rules' findings (ablation).")
@click.option("--core-limit", type=click.IntRange(min=0), default=None, help="Use only the first N CORE passages.")
def train(shared, annotated, out, seed, hold_out_even, no_rule_features, core_limit):
    """Retrain the relation scorer from annotated news and CORE, and write its weights."""
    import re

    from .learn.model import WEIGHTS
    from .learn.train import train_scorer

    out = out or Path(__file__).resolve().parent / "learn" / WEIGHTS
    exclude = set()
    if hold_out_even:
        exclude = {p.name[: -len(".gold.json")] for p in (shared / "eval/train/gold").glob("*.gold.json")
                   if int(re.search(r"(\d+)\.gold\.json$", p.name).group(1)) % 2 == 0}
    from .learn.org_names import FILE

    report = train_scorer(shared, out, annotated=annotated, seed=seed, exclude=exclude,
                          use_rules=not no_rule_features, core_limit=core_limit,
                          names_out=out.parent / FILE if out.parent == Path(__file__).resolve().parent / "learn" else None)
    click.echo(f"{report['examples']['news']} news and {report['examples']['core']} CORE examples, "
               f"{report['features']} features; thresholds {report['thresholds']}")
    click.echo(f"5-fold CV, news: {report['cv_news']}")
    if report["cv_core"]:
        click.echo(f"5-fold CV, CORE: {report['cv_core']}")
    click.echo(f"wrote {out}")


def main():
    cli(prog_name="kg")
