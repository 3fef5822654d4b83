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

