"""Content fingerprints and the similarity estimate they give."""

from archive.stories import estimate
from crawler.dedup import BANDS, fingerprint


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
