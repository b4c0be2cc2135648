import pytest

from search_index import IndexStore


def _page(number: int) -> dict:
    return {
        "id": f"page-{number}",
        "doc_type": "page",
        "title": f"Advice page {number}",
        "summary": "Help with care at home",
        "url": f"/advice/{number}",
    }


def test_a_new_store_is_not_ready(tmp_path):
    store = IndexStore(tmp_path)
    assert not store.is_ready()
    assert store.revision() is None


def test_rebuild_makes_a_ready_index_with_its_revision(tmp_path):
    store = IndexStore(tmp_path)
    assert store.rebuild([_page(1), _page(2)], revision="r1") == 2
    assert store.is_ready()
    assert store.revision() == "r1"
    with store.open().searcher() as searcher:
        assert searcher.doc_count() == 2


def test_a_rebuild_swaps_in_the_new_index_and_keeps_only_the_one_before(tmp_path):
    store = IndexStore(tmp_path)
    store.rebuild([_page(1)], revision="r1")
    store.rebuild([_page(1), _page(2)], revision="r2")
    store.rebuild([_page(1), _page(2), _page(3)], revision="r3")
    assert store.revision() == "r3"
    with store.open().searcher() as searcher:
        assert searcher.doc_count() == 3
    generations = sorted((tmp_path / "generations").iterdir())
    assert len(generations) == 2
    assert store.current.resolve() == generations[-1]


def test_a_failed_rebuild_leaves_the_old_index_serving(tmp_path):
    store = IndexStore(tmp_path)
    store.rebuild([_page(1)], revision="r1")

    def documents_then_crash():
        yield _page(2)
        raise RuntimeError("database went away mid-build")

    with pytest.raises(RuntimeError):
        store.rebuild(documents_then_crash(), revision="r2")
    assert store.revision() == "r1"
    with store.open().searcher() as searcher:
        assert searcher.doc_count() == 1
    assert len(list((tmp_path / "generations").iterdir())) == 1


def _garble(store: IndexStore, suffix: str) -> None:
    for path in store.current.resolve().iterdir():
        if path.name.endswith(suffix):
            path.write_bytes(b"\x00garbage" * 16)


@pytest.mark.parametrize("suffix", [".toc", ".seg"])
def test_ensure_repairs_a_damaged_index(tmp_path, suffix):
    store = IndexStore(tmp_path)
    store.rebuild([_page(1), _page(2)], revision="r1")
    _garble(store, suffix)
    assert not store.is_sound()
    assert store.ensure("r1", lambda: [_page(1), _page(2)]) is True
    assert store.is_sound()
    with store.open().searcher() as searcher:
        assert searcher.doc_count() == 2


def test_a_killed_build_never_costs_the_last_complete_index(tmp_path):
    store = IndexStore(tmp_path)
    store.rebuild([_page(1)], revision="r1")
    complete = store.current.resolve()
    # A build killed part way: a newer generation with some files but no revision.txt.
    half = tmp_path / "generations" / f"{int(complete.name) + 1:020d}"
    half.mkdir()
    (half / "_MAIN_1.toc").write_bytes(b"half")
    assert store.current.resolve() == complete  # it was never swapped in
    store.rebuild([_page(1), _page(2)], revision="r2")
    remaining = sorted((tmp_path / "generations").iterdir())
    assert remaining == [complete, store.current.resolve()]
    assert not half.exists()
