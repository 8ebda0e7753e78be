"""Content fingerprints of an article, for linking the copies of one story.

- ``content_key``: a hash of the body's words (case, accents and punctuation folded), so the
  same text republished elsewhere matches exactly;
- a MinHash signature (datasketch, 128 permutations) of the body's 5-word shingles, which
  estimates the Jaccard similarity of two bodies: wire copies with a new headline, a trimmed
  ending or a few changed words stay close;
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
from typing import Any

from datasketch import MinHash

from archive.stories import Fingerprint

from .tokens import words

__all__ = ["BANDS", "MIN_SHINGLES", "NUM_PERM", "ROWS", "SHINGLE", "Fingerprint", "fingerprint"]

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 5  # words per shingle
MIN_SHINGLES = 10
SEED = 20130519  # fixed forever: stored signatures are only comparable with the same one
SCHEME = "affine32"


@cache
def _permutations() -> Any:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def _band_keys(signature: bytes) -> tuple[int, ...]:
    width = ROWS * 4
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(
            signature[band * width : (band + 1) * width], digest_size=8, person=bytes([band])
        ).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return tuple(keys)


def fingerprint(title: str, body: str) -> Fingerprint:
    """The fingerprint of one article (the title is used only when there is no body)."""
    keys = words(body) or words(title)
    content_key = hashlib.sha1(" ".join(keys).encode("utf-8")).hexdigest()
    shingles = {
        " ".join(keys[i : i + SHINGLE]).encode("utf-8")
        for i in range(max(1, len(keys) - SHINGLE + 1))
    }
    if len(shingles) < MIN_SHINGLES:
        return Fingerprint(content_key=content_key, shingles=len(shingles))
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    sketch.update_batch(list(shingles))
    signature = sketch.hashvalues.astype("<u4").tobytes()
    return Fingerprint(
        content_key=content_key,
        shingles=len(shingles),
        signature=signature,
        band_keys=_band_keys(signature),
    )
