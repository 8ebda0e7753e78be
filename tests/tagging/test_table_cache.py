"""The on-disk cache of lookup tables: what it gives back is what building gives, a change
of the files a table is built from builds it again, and a bad or unwritable cache only costs
the time of building."""

from __future__ import annotations

import os
import pickle

import pytest

from crawler import gazetteer, table_cache


@pytest.fixture
def cache(tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    monkeypatch.setenv("NEWSDESK_CACHE_DIR", str(directory))
    table_cache.digest.cache_clear()
    yield directory
    table_cache.digest.cache_clear()


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "source.txt"
    path.write_text("alpha beta\n")
    return path


def builder(path):
    calls = []

    def build():
        calls.append(1)
        return {word: len(word) for word in path.read_text().split()}

    return build, calls


def test_a_table_is_built_once_then_read_back(cache, source):
    build, calls = builder(source)
    first = table_cache.load_or_build("words", build, (source,))
    second = table_cache.load_or_build("words", build, (source,))
    assert first == second == {"alpha": 5, "beta": 4}
    assert len(calls) == 1
    assert [p.name.split("-")[0] for p in cache.glob("*.pickle")] == ["words"]


def test_a_changed_source_builds_the_table_again_and_drops_the_old_file(cache, source):
    build, calls = builder(source)
    table_cache.load_or_build("words", build, (source,))
    (old,) = cache.glob("words-*.pickle")
    source.write_text("gamma\n")
    table_cache.digest.cache_clear()  # a new process
    assert table_cache.load_or_build("words", build, (source,)) == {"gamma": 5}
    assert len(calls) == 2
    (new,) = cache.glob("words-*.pickle")
    assert new != old


@pytest.mark.parametrize("damage", [b"", b"not a pickle", "truncated", "other key"])
def test_a_damaged_file_is_built_again(cache, source, damage):
    build, calls = builder(source)
    table_cache.load_or_build("words", build, (source,))
    (path,) = cache.glob("words-*.pickle")
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:-5])
    elif damage == "other key":
        path.write_bytes(pickle.dumps(("another digest", {"wrong": 1})))
    else:
        path.write_bytes(damage)
    assert table_cache.load_or_build("words", build, (source,)) == {"alpha": 5, "beta": 4}
    assert len(calls) == 2
    assert table_cache.load_or_build("words", build, (source,)) == {"alpha": 5, "beta": 4}
    assert len(calls) == 2  # stored again, good this time


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes any directory")
def test_an_unwritable_cache_builds_in_memory(cache, source):
    cache.mkdir()
    cache.chmod(0o500)
    build, calls = builder(source)
    try:
        assert table_cache.load_or_build("words", build, (source,)) == {"alpha": 5, "beta": 4}
        assert table_cache.load_or_build("words", build, (source,)) == {"alpha": 5, "beta": 4}
    finally:
        cache.chmod(0o700)
    assert len(calls) == 2
    assert list(cache.iterdir()) == []


def test_a_cache_that_is_a_file_builds_in_memory(cache, source):
    cache.write_text("not a directory")
    build, calls = builder(source)
    assert table_cache.load_or_build("words", build, (source,)) == {"alpha": 5, "beta": 4}
    assert len(calls) == 1


def test_the_cached_gazetteer_is_the_built_one(cache):
    built = gazetteer._name_index("fr")
    files, packages = gazetteer._sources()
    table_cache.load_or_build("names-fr", lambda: built, files, packages)
    read = table_cache.load_or_build("names-fr", pytest.fail, files, packages)
    assert read is not built
    assert read.names == built.names
    assert read == built
