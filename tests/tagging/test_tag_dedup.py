"""Content fingerprints and the similarity estimate they give."""

import pytest
from datasketch import MinHash

from archive.stories import estimate
from crawler.dedup import BANDS, NUM_PERM, SEED, SHINGLE, fingerprint
from crawler.tokens import article_words, body_keys, words


def similarity(a, b):
    fa, fb = fingerprint("", a), fingerprint("", b)
    return estimate(fa.signature, fa.shingles, fb.signature, fb.shingles)


def test_fingerprint_is_deterministic_and_folds_case_and_punctuation(wire):
    assert fingerprint("A", wire["wire"]) == fingerprint("B", wire["wire"])
    assert (
        fingerprint("", wire["wire"].upper()).content_key
        == fingerprint("", wire["wire"]).content_key
    )
    assert fingerprint("", wire["wire"]).content_key != fingerprint("", wire["copy"]).content_key


def test_signature_and_band_keys(wire):
    fp = fingerprint("", wire["wire"])
    assert len(fp.signature) == 128 * 4
    assert len(fp.band_keys) == BANDS == len(set(fp.band_keys))


@pytest.mark.parametrize("key", ["wire", "copy", "other"])
def test_signature_is_datasketchs_minhash(wire, key):
    """Stored signatures must stay comparable: the same values as datasketch's MinHash
    (affine32, SHA-1) over the body's 5-word shingles."""
    keys = words(wire[key])
    shingles = {" ".join(keys[i : i + SHINGLE]).encode() for i in range(len(keys) - SHINGLE + 1)}
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32")
    sketch.update_batch(list(shingles))
    fp = fingerprint("", wire[key])
    assert fp.shingles == len(shingles)
    assert fp.signature == sketch.hashvalues.astype("<u4").tobytes()


def test_shingles_of_text_outside_ascii():
    body = "Über die Brücke gingen 40 Menschen, sagte der Bürgermeister am Dienstag in Köln. " * 3
    body += "وقال المتحدث إن الاجتماع سيعقد في القاهرة يوم الخميس المقبل لبحث الأزمة"
    keys = words(body)
    shingles = {" ".join(keys[i : i + SHINGLE]).encode() for i in range(len(keys) - SHINGLE + 1)}
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32")
    sketch.update_batch(list(shingles))
    assert fingerprint("", body).signature == sketch.hashvalues.astype("<u4").tobytes()


def test_near_copy_is_close_and_contained(wire):
    jaccard, containment = similarity(wire["wire"], wire["copy"])
    assert jaccard > 0.6
    assert containment > 0.85


def test_unrelated_text_is_far(wire):
    jaccard, containment = similarity(wire["wire"], wire["other"])
    assert jaccard < 0.1
    assert containment < 0.2


def test_short_text_gets_no_signature():
    fp = fingerprint("Watch the video", "Watch the video.")
    assert (fp.signature, fp.band_keys) == (b"", ())
    assert fp.shingles == 1


@pytest.mark.parametrize(
    "body",
    [
        "One paragraph.\n\nAnother one, with snake_case and 3.5%.\n\n\n  Indented third.  ",
        "Lines of an old layout\nseparated by single breaks\nonly",
        "Über die Brücke\n\nوقال المتحدث إنّ الاجتماع سيُعقد\n\nl'Iran et les États-Unis",
        "",
    ],
)
def test_body_keys_are_the_words_of_the_body(wire, body):
    for text in (body, wire["wire"], wire["copy"]):
        assert body_keys(article_words("A title", "A standfirst", text)) == words(text)
        assert fingerprint("A title", text) == fingerprint(
            "A title", text, body_keys=body_keys(article_words("A title", None, text))
        )
