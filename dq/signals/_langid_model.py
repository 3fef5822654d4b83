"""py3langid's model, kept unpacked in the cache folder so that loading it is cheap.

Why: the model ships as an LZMA-compressed ``.npz`` (4.6 MB, 68 MB unpacked);
decompressing it took 0.7 of the 0.83 s CPU of building the identifier
(measured 2026-12-07, py3langid 0.4.0), more than a small scan spends on
everything else (`dq scan tiny.jsonl` 2.7 s CPU at 11cd30d, 1.2 s at 47eae3e).
The arrays are written once as plain ``.npy`` files and memory-mapped back
(~0.03 s; the automaton is indexed in place, :func:`_as_items`); the identifier
built from them is the one py3langid builds (the same arrays, the same
classes), so every language it names is the same.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any, Final, Literal

#: The arrays of py3langid's model file, as its ``modelio.load_model`` names them.
_ARRAYS: Final = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")
#: Bump when the layout written by :func:`_unpack` changes.
_LAYOUT: Final = 1
#: ``memoryview`` (and ``array``) type codes of unsigned integers by item size.
_TYPECODE: Final[dict[int, Literal["H", "I", "L"]]] = {2: "H", 4: "I", 8: "L"}


def model_key(model_file: Path) -> str:
    """A folder-name-safe key of the packed model: py3langid's version, the file's size and
    modification time (no read of its 4.6 MB), and :data:`_LAYOUT`.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as f:
    ...     len(model_key(Path(f.name)))
    20
    """
    stat = model_file.stat()
    facts = f"{version('py3langid')}|{stat.st_size}|{stat.st_mtime_ns}|{_LAYOUT}"
    return hashlib.sha256(facts.encode()).hexdigest()[:20]


def _as_items(values: Any) -> memoryview:
    """A one-dimensional NumPy unsigned integer array as a memoryview of Python ints, what
    py3langid's DFA walk indexes (it builds a stdlib ``array``): no copy, so the 39 MB
    automaton stays memory-mapped, and a walk is as fast (a 110 kB text: 0.024 s either
    way; the copy cost 0.024-0.06 s of CPU at every start, measured 2026-12-07).

    >>> import numpy as np
    >>> items = _as_items(np.array([3, 70000], dtype=np.uint32))
    >>> items[1], items.format, list(items)
    (70000, 'I', [3, 70000])
    """
    import numpy as np

    flat: Any = np.ascontiguousarray(values)  # a buffer (numpy's stubs do not say so)
    items: memoryview = memoryview(flat).cast("B").cast(_TYPECODE[flat.dtype.itemsize])
    return items


def _unpack(model_file: Path, folder: Path) -> bool:
    """Write the arrays of ``model_file`` as ``.npy`` files into ``folder`` (made whole or
    not at all: written beside it, then renamed). False when it cannot be written."""
    import lzma

    import numpy as np

    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=folder.name, suffix=".tmp"))
    except OSError:
        return False
    try:
        with tempfile.TemporaryFile(dir=tmp) as raw:
            with lzma.open(model_file) as src:
                shutil.copyfileobj(src, raw, length=1 << 20)
            raw.seek(0)
            with np.load(raw, allow_pickle=False) as data:
                for name in _ARRAYS:
                    np.save(tmp / f"{name}.npy", data[name], allow_pickle=False)
        tmp.replace(folder)
        return True
    except OSError:  # another process made it first, or the disk is full
        return folder.is_dir()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _read(folder: Path) -> dict[str, Any] | None:
    """The arrays of an unpacked model, None when any is missing or unreadable: memory-mapped
    (the automaton is indexed in place, :func:`_as_items`), but for ``ptc``, read whole, as
    py3langid indexes it once per text (a memory map's indexing costs ~0.35 ms a call)."""
    import numpy as np

    try:
        arrays = {n: np.load(folder / f"{n}.npy", mmap_mode="r", allow_pickle=False)
                  for n in _ARRAYS}
        arrays["ptc"] = np.array(arrays["ptc"])
        return arrays
    except (OSError, ValueError):
        return None


def load_identifier(cache_dir: Path | None) -> Any:
    """py3langid's ``LanguageIdentifier`` on its bundled model, read from the unpacked copy in
    ``cache_dir`` (made on first use); without a cache folder, or when it cannot be
    written or read, py3langid's own loader.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     first = load_identifier(Path(d)).classify("Der Hund schläft im Garten.")[0]
    ...     again = load_identifier(Path(d)).classify("Der Hund schläft im Garten.")[0]
    >>> first, again
    ('de', 'de')
    """
    from dq.signals._shared import import_module

    model = import_module("py3langid.langid")
    packed = Path(model.MODEL_DIR) / model.MODEL_FILE
    arrays = None
    if cache_dir is not None:
        folder = Path(cache_dir) / f"langid-{model_key(packed)}"
        arrays = _read(folder)
        if arrays is None and _unpack(packed, folder):
            arrays = _read(folder)
    if arrays is None:
        return model.LanguageIdentifier.from_model_file(model.MODEL_FILE)
    return model.LanguageIdentifier(
        arrays["ptc"],
        arrays["pc"],
        arrays["classes"].tolist(),
        _as_items(arrays["nextmove"]),
        arrays["out_feat"].tolist(),
        tk_row=_as_items(arrays["nextmove_row"]),
    )



#: Texts walked through the automaton together by :func:`classify_many`: the walk
#: holds a ``texts x bytes`` array of features (a 1,000-character prefix is up to
#: 4 kB), so at most ~10 MB a slice whatever the batch. Fewer texts take more
#: steps: 700 prefixes 0.17 s CPU in slices of 128, 0.15 of 256, 0.14 of 1,024.
WALK_TEXTS: Final = 512
#: Longest text (UTF-8 bytes) walked with others: identify() reads at most 1,000
#: characters; a longer text is walked by py3langid itself (one step per byte either
#: way, and a lone long text gains nothing from NumPy's steps).
WALK_MAX_BYTES: Final = 8_000


def classify_many(identifier: Any) -> Callable[[list[str]], list[str]]:
    """A function of texts giving ``identifier.classify(text)[0]`` for each: the same
    language, from the same features, counts and scores, with the automaton walked for
    many texts at once.

    Why: py3langid walks its byte automaton in a Python loop, one byte at a time
    (about half of its 0.4 ms on a 1,000-character prefix); NumPy steps a slice
    of texts (sorted by length) one byte at a time instead. Each text's features
    are then counted in the order they first occur, as py3langid's ``Counter``
    keeps them, and scored by the same ``log1p(counts) @ ptc[features] + pc``,
    so the scores are bitwise the same and so is the language (compared on the
    labelled pages' openings: tests/test_speed_paths.py). Measured 2026-12-08 on
    700 prefixes of ../shared/eval/dev (1,000 characters): 0.24-0.29 s CPU text by
    text, 0.14 s here. A text of more than :data:`WALK_MAX_BYTES` (a step costs
    NumPy's call overhead, not the byte's) and an identifier not built as py3langid
    0.4's (another version, normalised probabilities, a confidence floor) are
    classified text by text.

    >>> from dq.signals.context import DetectContext
    >>> identifier = load_identifier(DetectContext().cache_dir)
    >>> texts = ["Der Hund schläft im Garten.", "", "The dog sleeps.", "Ночью в Москве шёл снег."]
    >>> found = classify_many(identifier)(texts)
    >>> found, found == [identifier.classify(t)[0] for t in texts]
    (['de', 'af', 'en', 'ru'], True)
    """
    if not _walkable(identifier):
        return lambda texts: [str(identifier.classify(t)[0]) for t in texts]
    import numpy as np

    automaton = (
        np.asarray(identifier.tk_nextmove),
        np.asarray(identifier._rowbase, dtype=np.int64),
        np.asarray(identifier.tk_output, dtype=np.int64),
    )

    def classify(texts: list[str]) -> list[str]:
        encoded = [identifier._encode(t) for t in texts]
        found: list[str] = [""] * len(encoded)
        order = sorted(range(len(encoded)), key=lambda i: -len(encoded[i]))
        for i in order:
            if len(encoded[i]) <= WALK_MAX_BYTES:
                break
            found[i] = str(identifier.classify(texts[i])[0])
        order = [i for i in order if len(encoded[i]) <= WALK_MAX_BYTES]
        for start in range(0, len(order), WALK_TEXTS):
            part = order[start:start + WALK_TEXTS]
            feats, walked = _walk(automaton, [encoded[i] for i in part])
            # the rows of the slice's features, cast to float32 once for all its texts
            # (the cast in each text's product was two thirds of its scoring)
            rows = identifier.nb_ptc[feats].astype(np.float32)
            for i, (at, counts) in zip(part, walked, strict=True):
                found[i] = _best(identifier, rows[at], counts)
        return found

    return classify


def _walkable(identifier: Any) -> bool:
    """The identifier is py3langid's ``LanguageIdentifier`` with raw scores, as
    :func:`classify_many` reproduces them."""
    names = ("tk_nextmove", "_rowbase", "tk_output", "nb_ptc", "nb_pc", "nb_classes",
             "_alias_pairs", "_encode", "_norm_probs", "min_confidence")
    return (version("py3langid").startswith("0.4.")
            and all(hasattr(identifier, n) for n in names) and not identifier._norm_probs
            and identifier.min_confidence is None)


def _walk(
    automaton: tuple[Any, Any, Any], encoded: list[bytes]
) -> tuple[Any, list[tuple[Any, Any]]]:
    """The features met in ``encoded`` (longest first) by the automaton (``nextmove,
    rowbase, output``), sorted, and for each text ``(at, counts)``: its features (their
    places in the first array), each once, in the order the walk first meets them, and
    how often each is met."""
    import numpy as np

    nextmove, rowbase, output = automaton
    lens = np.array([len(e) for e in encoded], dtype=np.int64)
    width = int(lens.max()) if len(encoded) else 0
    data = np.zeros((len(encoded), width), dtype=np.uint8)
    for row, e in enumerate(encoded):
        data[row, : len(e)] = np.frombuffer(e, dtype=np.uint8)
    feats = np.full((len(encoded), width), -1, dtype=np.int32)
    state = np.zeros(len(encoded), dtype=np.int64)
    # the texts still walking at byte i: those longer than i (the first ones)
    walking = len(encoded) - np.searchsorted(lens[::-1], np.arange(width), side="right")
    for i in range(width):
        k = int(walking[i])
        moved = nextmove[rowbase[state[:k]] + data[:k, i]]
        state[:k] = moved
        feats[:k, i] = output[moved]
    # each text's distinct features and their counts, in the order the walk first met
    # them: py3langid's own ``Counter`` over the features met
    per_text = []
    for text_feats in feats:
        met: Counter[int] = Counter(text_feats[text_feats >= 0].tolist())
        per_text.append((np.fromiter(met.keys(), dtype=np.int64, count=len(met)),
                         np.fromiter(met.values(), dtype=np.float32, count=len(met))))
    feats_met = np.unique(np.concatenate([u for u, _ in per_text] or [np.zeros(0, np.int64)]))
    place = np.zeros(int(output.max()) + 1, dtype=np.intp)
    place[feats_met] = np.arange(len(feats_met))
    return feats_met.astype(np.intp), [(place[u], c) for u, c in per_text]


def _best(identifier: Any, rows: Any, counts: Any) -> str:
    """The language py3langid's ``classify`` names for a text whose features have the
    rows ``rows`` of its ``ptc`` (as float32) and ``counts`` (its ``_raw_score``, then
    ``_decide`` without normalisation)."""
    import numpy as np

    floor = float(np.finfo(np.float32).min)  # py3langid's RAW_FLOOR
    if counts.size:
        scores = np.log1p(counts) @ rows + identifier.nb_pc
    else:
        scores = np.full(len(identifier.nb_classes), floor, dtype=np.float32)
    for i, j in identifier._alias_pairs:
        scores[i] = max(scores[i], scores[j])
        scores[j] = floor
    return str(identifier.nb_classes[int(scores.argmax())])
