"""Start-up caches (issue 18, speed21d): the unpacked language model and the well-known word
sets on disk. Each must give what it replaces, and a small scan must not build what it
does not read."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from dq.detect import detect, warm_up
from dq.signals import _langid_model
from dq.signals.context import DetectContext
from dq.signals.lang import identify
from dq.signals.spacing_words import word_sets

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "extracted.jsonl"
#: Texts of several scripts and languages, and edge cases of the identifier (empty,
#: capitals only, digits only).
TEXTS = [
    "The council met on Monday and voted to close the pool.",
    "Regeringen har enligt uppgifter beslutat att höja skatten.",
    "Der Rat tagte am Montag und beschloss, das Bad zu schließen.",
    "Правительство одобрило проект закона о налогах.",
    "東京で会議が開かれた。", "", "   ", "BREAKING NEWS TONIGHT", "2024 12 05",
]


@pytest.fixture(scope="module")
def lexicon() -> pl.DataFrame:
    """The default lexicon (from the default cache folder): building it again per test
    folder would cost seconds and test nothing here."""
    return DetectContext().lexicon()


@pytest.fixture
def shared_lexicon(lexicon: pl.DataFrame, monkeypatch: pytest.MonkeyPatch) -> pl.DataFrame:
    """Contexts on any cache folder load :func:`lexicon` when they read the lexicon."""
    import dq.signals._lexicon as lexicon_module

    monkeypatch.setattr(lexicon_module, "cached_lexicon", lambda *a, **k: lexicon)
    return lexicon


def _dev_texts(limit: int = 300) -> list[str]:
    if not DEV.exists():
        return []
    with DEV.open(encoding="utf-8") as fh:
        return [json.loads(row)["text"][:1000] for row in list(fh)[:limit]]


def test_unpacked_model_names_every_language_as_py3langid_does(tmp_path: Path) -> None:
    import py3langid.langid as model

    packed = model.LanguageIdentifier.from_model_file(model.MODEL_FILE)
    first = _langid_model.load_identifier(tmp_path)  # unpacks
    folders = list(tmp_path.glob("langid-*"))
    assert len(folders) == 1 and not list(tmp_path.glob("*.tmp"))
    again = _langid_model.load_identifier(tmp_path)  # reads the unpacked copy
    texts = TEXTS + _dev_texts()
    want = [packed.classify(t) for t in texts]
    assert [first.classify(t) for t in texts] == want
    assert [again.classify(t) for t in texts] == want  # language and score alike


def test_unpacked_copy_is_read_without_decompressing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _langid_model.load_identifier(tmp_path)

    def fail(*args: object) -> bool:
        raise AssertionError("the unpacked model should have been read")

    monkeypatch.setattr(_langid_model, "_unpack", fail)
    assert _langid_model.load_identifier(tmp_path).classify(TEXTS[2])[0] == "de"


def test_damaged_copy_falls_back_and_no_cache_works(tmp_path: Path) -> None:
    _langid_model.load_identifier(tmp_path)
    (folder,) = tmp_path.glob("langid-*")
    (folder / "ptc.npy").write_bytes(b"not an array")
    assert _langid_model.load_identifier(tmp_path).classify(TEXTS[1])[0] == "sv"
    assert _langid_model.load_identifier(None).classify(TEXTS[0])[0] == "en"


def test_identify_reads_the_cached_model(tmp_path: Path) -> None:
    ctx = DetectContext(cache_dir=tmp_path)
    assert identify(TEXTS[:4], ctx) == ["en", "sv", "de", "ru"]
    assert list(tmp_path.glob("langid-*"))


def test_cached_word_sets_are_the_built_ones(
    tmp_path: Path, shared_lexicon: pl.DataFrame
) -> None:
    # _share=False: each context builds, writes or reads its own sets (a shared build
    # would hand the second context the first one's value, and the file would go unread)
    built = word_sets(DetectContext(cache_dir=None, _share=False))
    written = word_sets(DetectContext(cache_dir=tmp_path, _share=False))
    read = word_sets(DetectContext(cache_dir=tmp_path, _share=False))
    assert len(list(tmp_path.glob("wordsets-*.parquet"))) == 1
    for sets in (written, read):
        assert sets[2] == built[2]  # the function-word regex, in its order
        for got, want in zip(sets[:2], built[:2], strict=True):
            assert sorted(got.to_list()) == sorted(want.to_list())


def test_a_batch_of_well_known_words_reads_neither_lexicon_nor_identifier(
    tmp_path: Path, shared_lexicon: pl.DataFrame
) -> None:
    word_sets(DetectContext(cache_dir=tmp_path))  # the sets' file, as an earlier run left it
    ctx = DetectContext(cache_dir=tmp_path)
    started = warm_up(ctx)
    assert started is not None
    started.result()
    articles = pl.DataFrame({"id": ["a", "b"],
                             "text": ["Storm hits coast.\nBack to top", "Share this\nFine text."]})
    found = detect(articles, ctx=ctx)
    assert set(found.findings["code"]) >= {"back_to_top", "share_prompt"}
    assert "lexicon" not in ctx._cache
    assert "lang.classifier" not in ctx._cache
    # and a batch with a glued word reads both, finding what a fresh context finds
    glued = pl.DataFrame({"id": ["c"], "text": ["The CSTO is the Russian twin of NATOand "
                                                "Putin hoped so, as the council said."]})
    fresh = DetectContext(cache_dir=None)
    assert detect(glued, ctx=ctx).findings.equals(detect(glued, ctx=fresh).findings)
    assert "lexicon" in ctx._cache and "lang.classifier" in ctx._cache


def test_a_build_under_way_does_not_hold_up_other_keys() -> None:
    """DetectContext.cached locks per key (tiny22): while one thread builds the lexicon,
    another gets a different key at once, and a third asking for the same key waits and
    gets the one value built."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    ctx = DetectContext(cache_dir=None)
    started, release = threading.Event(), threading.Event()
    builds: list[int] = []

    def again() -> int:
        builds.append(2)
        return 0

    def slow() -> int:
        started.set()
        assert release.wait(30)
        builds.append(1)
        return 41

    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(ctx.cached, "slow", slow)
        assert started.wait(30)
        second = pool.submit(ctx.cached, "slow", again)
        assert ctx.cached("fast", lambda: 7) == 7  # not held up by the build under way
        assert not first.done() and not second.done()
        release.set()
        assert first.result(30) == 41 and second.result(30) == 41
    assert builds == [1]
    # a build may ask for another key (its own lock is re-entrant too)
    assert ctx.cached("outer", lambda: ctx.cached("inner", lambda: 1) + 1) == 2


def test_a_build_that_raises_caches_nothing() -> None:
    ctx = DetectContext(cache_dir=None)

    def fail() -> int:
        raise ValueError("no")

    with pytest.raises(ValueError):
        ctx.cached("k", fail)
    assert ctx.cached("k", lambda: 3) == 3


def test_the_language_automaton_is_not_copied(tmp_path: Path) -> None:
    """The unpacked model's automaton is indexed in place (a memoryview of the memory map),
    and names languages as py3langid's own loader does (first test above)."""
    identifier = _langid_model.load_identifier(tmp_path)
    assert isinstance(identifier.tk_nextmove, memoryview)
    assert identifier.classify(TEXTS[3])[0] == "ru"


def test_hyperscan_database_is_kept_and_a_damaged_file_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("hyperscan")
    from dq.engine import match

    probes = (match.Probe("low", "back to top", True), match.Probe("s", r"^Share", False))
    built = match._build(probes, tmp_path)
    (path,) = tmp_path.glob("hyperscan-*.bin")
    texts = pl.Series(["Back to top", "back to top", "Share this", "nothing"])
    want = [m.to_list() for m in match._scan(built, texts)]

    def fail(*args: object) -> None:
        raise AssertionError("the kept database should have been read")

    with monkeypatch.context() as patched:
        patched.setattr(match, "_database", fail)
        read = match._build(probes, tmp_path)
    assert read.probes == built.probes
    assert [m.to_list() for m in match._scan(read, texts)] == want
    for damage in (b"", b"probe:x\nnot a database", path.read_bytes()[:-40]):
        path.write_bytes(damage)
        again = match._build(probes, tmp_path)
        assert [m.to_list() for m in match._scan(again, texts)] == want
    assert match._build(probes, None).probes == built.probes  # no cache folder: compiled
    assert not list(tmp_path.glob("*.tmp"))


def test_a_tiny_scan_does_not_import_dq_validate(tmp_path: Path) -> None:
    """``dq scan`` without --baseline or --ignore has no use for dq.validate (0.05 s)."""
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[1]
    tiny = tmp_path / "tiny.jsonl"
    first = (repo / "corpus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0]
    tiny.write_text(first + "\n", encoding="utf-8")
    code = (
        "import sys; from click.testing import CliRunner; from dq.cli import main;"
        f"r = CliRunner().invoke(main, ['scan', {str(tiny)!r}, '--codes', 'licence_nag']);"
        "assert r.exit_code == 0, r.output; assert 'licence_nag' in r.output, r.output;"
        "print(sorted(m for m in sys.modules if m.startswith('dq.validate')))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, cwd=repo,
                         capture_output=True, text=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(("codes", "reads"), [(None, 1), (["licence_nag"], 0)])
def test_early_context_reads_the_lexicon_only_when_every_code_runs(
    codes: list[str] | None, reads: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``dq scan`` with every code starts the lexicon read before the engine is imported
    (nothing else asks for it here: the warm-up is switched off); with ``--codes`` it
    leaves the read to the detector that needs it."""
    import dq.engine.detect as engine_detect
    from dq.cli.options import EarlyContext

    asked: list[DetectContext] = []
    monkeypatch.setattr(DetectContext, "lexicon", lambda self: asked.append(self))
    monkeypatch.setattr(engine_detect, "warm_up", lambda ctx, codes=None: None)
    ctx = EarlyContext(codes).get()
    assert isinstance(ctx, DetectContext)
    ctx.executor().shutdown(wait=True)  # the read, if started, has run
    assert asked == [ctx] * reads


def test_lexicon_file_is_uncompressed_and_its_layout_is_in_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cached lexicon is read back without decompressing (cheaper to decode), and a
    file written in another layout has another name (it is rebuilt once, never misread)."""
    import pyarrow.parquet as pq

    from dq.signals import _lexicon

    built = _lexicon.cached_lexicon(["en"], cache_dir=tmp_path, min_zipf=6.0)
    (path,) = tmp_path.glob("lexicon-*.parquet")
    meta = pq.ParquetFile(path).metadata
    codecs = {meta.row_group(g).column(c).compression
              for g in range(meta.num_row_groups) for c in range(meta.num_columns)}
    assert codecs == {"UNCOMPRESSED"}
    assert _lexicon.cached_lexicon(["en"], cache_dir=tmp_path, min_zipf=6.0).equals(built)
    key = _lexicon.lexicon_key(["en"], min_zipf=6.0)
    monkeypatch.setattr(_lexicon, "LEXICON_FILE", "parquet-lz4")
    assert _lexicon.lexicon_key(["en"], min_zipf=6.0) != key
