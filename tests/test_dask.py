"""``--engine dask``: documents parsed on a dask.distributed cluster give the local engine's bytes."""
from __future__ import annotations

import sys

import pytest

import kg
from kg.engines import open_engine
from kg.errors import KGError
from kg.export.graphml import graphml_bytes
from kg.store import Store
from test_parallel import TEXTS


@pytest.mark.model
def test_a_dask_cluster_builds_the_same_graphml_as_the_local_engine(tmp_path):
    distributed = pytest.importorskip("distributed")
    for name, text in TEXTS.items():
        if name != "d.txt":                 # French only: the worker loads one pipeline
            (tmp_path / name).write_text(text, encoding="utf-8")
    local = graphml_bytes(kg.build_graph([tmp_path]))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        remote = graphml_bytes(kg.build_graph([tmp_path], engine="dask", scheduler=cluster.scheduler_address,
                                              cache_dir=tmp_path / "store"))
    assert b"<edge " in local
    assert remote == local
    with Store(tmp_path / "store") as store:            # the workers' results went into the store
        assert store.db.execute("SELECT count(*) FROM result").fetchone() == (len(TEXTS) - 1,)


def test_without_dask_installed_the_error_says_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(KGError, match=r"pip install 'kg\[dask\]'"):
        open_engine("dask", scheduler="tcp://127.0.0.1:8786")
