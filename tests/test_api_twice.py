"""The public API survives being called again, after any build, in one interpreter (a re-run
Jupyter cell): no submodule may shadow a function of the package."""
import pytest

import kg
from kg.corpus import documents_from_texts


def test_public_names_are_not_shadowed_by_submodules():
    import kg.document  # noqa: F401 - the stage module that once replaced kg.extract
    for name in kg.__all__:
        assert type(getattr(kg, name)).__name__ != "module", name


@pytest.mark.model
def test_extract_can_be_called_again_after_a_build(nlp_fr):
    text = "Le groupe Brio a signé un accord de distribution avec Orange."
    first = kg.extract(documents_from_texts({"t": text}))
    kg.build_graph_from_texts({"u": text})
    second = kg.extract(documents_from_texts({"t": text}))
    assert first == second and first[0].relations
