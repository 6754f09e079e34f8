"""``kg build --jobs 2`` parses in two worker processes and writes the same bytes as ``--jobs 1``."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.store import Store

TEXTS = {
    "a.txt": "Mistral AI a levé 600 millions d'euros auprès de General Catalyst. "
             "Microsoft investit aussi dans la start-up.",
    "b.txt": "TF1 a signé un partenariat avec Mediapro pour lancer la chaîne Téléfoot.\n\n"
             "Canal+ reste le grand rival de Mediapro.",
    "c.txt": "Le fonds Bpifrance a investi dans Eclairion, aux côtés de HPC Capital.",
    "d.txt": "Microsoft signed a partnership with OpenAI, and Google competes with both companies.",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parallel")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.model
def test_two_jobs_write_the_same_bytes_as_one_and_their_results_into_the_store(corpus, tmp_path):
    outputs = {}
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}"
        cache = ["--no-cache"] if jobs == 1 else ["--cache-dir", str(tmp_path / "store")]
        result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), *cache, "--jobs", str(jobs)],
                                    prog_name="kg")
        assert result.exit_code == 0, result.output
        outputs[jobs] = (out / "graph.graphml").read_bytes()
    assert b"<edge " in outputs[1]
    assert outputs[2] == outputs[1]
    with Store(tmp_path / "store") as store:
        assert store.db.execute("SELECT count(*) FROM result").fetchone() == (len(TEXTS),)


def test_jobs_must_be_positive(corpus, tmp_path):
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(tmp_path), "--jobs", "0"], prog_name="kg")
    assert result.exit_code == 2
