"""Content fingerprints of an article, for linking the copies of one story.

- ``content_key``: a hash of the body's words (case, accents and punctuation folded), so the
  same text republished elsewhere matches exactly;
- a MinHash signature (128 permutations) of the body's 5-word shingles, which estimates the
  Jaccard similarity of two bodies: wire copies with a new headline, a trimmed ending or a
  few changed words stay close. It is datasketch's ``MinHash`` with the "affine32" scheme
  and its default SHA-1 hash, bit for bit (tests/tagging/test_tag_dedup.py checks it against
  datasketch), computed here with numpy alone: datasketch's package imports SciPy, which
  would cost every extraction process half a second at start;
- LSH band keys: the signature cut into 32 bands of 4 values, each hashed to one integer.
  Two bodies with Jaccard similarity s share at least one band with probability
  1 - (1 - s^4)^32: 0.98 at s = 0.6, 0.26 at s = 0.2. :mod:`archive.stories` keeps the keys
  in an indexed table, so a new article finds its candidates with 32 index lookups, however
  large the archive.

The headline is left out of the shingles (copies rewrite it); a body too short to shingle
(fewer than :data:`MIN_SHINGLES`) gets no signature and can only match exactly.
"""

from __future__ import annotations

import hashlib
from functools import cache
from itertools import accumulate

import numpy as np

from archive.stories import Fingerprint

from .tokens import words

__all__ = ["BANDS", "MIN_SHINGLES", "NUM_PERM", "ROWS", "SHINGLE", "Fingerprint", "fingerprint"]

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 5  # words per shingle
MIN_SHINGLES = 10
SEED = 20130519  # fixed forever: stored signatures are only comparable with the same one


#: The MurmurHash3 32-bit finalizer's constants (datasketch mixes each input hash with it).
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The affine permutations ``h -> a * h + b mod 2**32`` (``a`` odd), drawn as datasketch
    draws them for ``MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32")``."""
    random = np.random.RandomState(SEED)
    a = random.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = random.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a.reshape(NUM_PERM, 1), b.reshape(NUM_PERM, 1)


def _signature(shingles: set[bytes]) -> bytes:
    """The MinHash values of ``shingles``, as NUM_PERM little-endian uint32."""
    sha1 = hashlib.sha1
    hv = np.frombuffer(b"".join([sha1(s).digest()[:4] for s in shingles]), dtype="<u4")
    s1, m1, s2, m2 = _FMIX
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    hv = hv ^ (hv >> s1)
    a, b = _permutations()
    return (a * hv + b).min(axis=1).astype("<u4").tobytes()


def _band_keys(signature: bytes) -> tuple[int, ...]:
    width = ROWS * 4
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(
            signature[band * width : (band + 1) * width], digest_size=8, person=bytes([band])
        ).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return tuple(keys)


def _shingles(keys: list[str], text: bytes) -> set[bytes]:
    """Every run of SHINGLE words of ``keys``, as UTF-8 slices of ``text`` (the words joined
    by spaces): slicing the joined text once is cheaper than joining each run."""
    if len(keys) <= SHINGLE:
        return {text}
    ascii = len(text) == sum(map(len, keys)) + len(keys) - 1
    lengths = map(len, keys) if ascii else (len(key.encode("utf-8")) for key in keys)
    starts = list(accumulate((n + 1 for n in lengths), initial=0))  # word i: starts[i] ..
    return {text[starts[i] : starts[i + SHINGLE] - 1] for i in range(len(keys) - SHINGLE + 1)}


def fingerprint(title: str, body: str, *, body_keys: list[str] | None = None) -> Fingerprint:
    """The fingerprint of one article (the title is used only when there is no body).
    ``body_keys``: ``words(body)``, when the caller has them already (see
    :func:`crawler.tokens.body_keys`)."""
    keys = (words(body) if body_keys is None else body_keys) or words(title)
    text = " ".join(keys).encode("utf-8")
    content_key = hashlib.sha1(text).hexdigest()
    shingles = _shingles(keys, text)
    if len(shingles) < MIN_SHINGLES:
        return Fingerprint(content_key=content_key, shingles=len(shingles))
    signature = _signature(shingles)
    return Fingerprint(
        content_key=content_key,
        shingles=len(shingles),
        signature=signature,
        band_keys=_band_keys(signature),
    )
