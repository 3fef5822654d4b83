"""The lexicon disk cache: used when valid, rebuilt when not, never changes a finding."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from dq.detect import detect
from dq.signals import _lexicon
from dq.signals.context import DetectContext, default_cache_dir

# A small lexicon keeps these tests fast; the parameters are part of the key.
LANGS = ("en", "de")
MIN_ZIPF = 4.0

TEXTS = [
    "The CSTO is the Russian equivalent of NATOand Putin hoped so.",
    "Its itselectric Gran Turismois the jailuntil story.\nHe said . Then , really ?",
    "WeWork, SoftBank, YouTube, McAleenan, iPhone, Krankenhausreform.",
]


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("lexicon-*.parquet"))


def test_written_once_then_read_without_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _lexicon.cached_lexicon(LANGS, cache_dir=tmp_path, min_zipf=MIN_ZIPF)
    assert len(_files(tmp_path)) == 1
    assert not list(tmp_path.glob("*.tmp"))

    def fail(*args: object, **kwargs: object) -> pl.DataFrame:
        raise AssertionError("the cached lexicon should have been read")

    monkeypatch.setattr(_lexicon, "build_lexicon", fail)
    again = _lexicon.cached_lexicon(LANGS, cache_dir=tmp_path, min_zipf=MIN_ZIPF)
    assert again.equals(built)
    assert dict(again.schema) == _lexicon.LEXICON_SCHEMA


def test_key_follows_the_parameters(tmp_path: Path) -> None:
    _lexicon.cached_lexicon(("en",), cache_dir=tmp_path, min_zipf=MIN_ZIPF)
    _lexicon.cached_lexicon(("en",), cache_dir=tmp_path, min_zipf=MIN_ZIPF + 1)
    _lexicon.cached_lexicon(("de",), cache_dir=tmp_path, min_zipf=MIN_ZIPF)
    assert len(_files(tmp_path)) == 3


@pytest.mark.parametrize("damage", ["truncate", "garbage", "other_frame"])
def test_damaged_file_is_rebuilt_and_replaced(tmp_path: Path, damage: str) -> None:
    fresh = _lexicon.build_lexicon(LANGS, min_zipf=MIN_ZIPF)
    _lexicon.cached_lexicon(LANGS, cache_dir=tmp_path, min_zipf=MIN_ZIPF)
    (path,) = _files(tmp_path)
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[:1000])
    elif damage == "garbage":
        path.write_bytes(b"not a parquet file")
    else:  # a readable Parquet file without the lexicon's key
        pl.DataFrame({"word": ["x"]}).write_parquet(path)
    got = _lexicon.cached_lexicon(LANGS, cache_dir=tmp_path, min_zipf=MIN_ZIPF)
    assert got.equals(fresh)
    # the bad file was replaced by a good one
    assert _lexicon._read_valid(path, _lexicon.lexicon_key(LANGS, min_zipf=MIN_ZIPF)) is not None


def test_unwritable_cache_folder_still_builds(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    got = _lexicon.cached_lexicon(LANGS, cache_dir=blocker / "dq", min_zipf=MIN_ZIPF)
    assert got.equals(_lexicon.build_lexicon(LANGS, min_zipf=MIN_ZIPF))


@pytest.mark.slow
def test_findings_identical_with_and_without_cache(tmp_path: Path) -> None:
    articles = pl.DataFrame({"id": [f"r{i}" for i in range(len(TEXTS))], "text": TEXTS})
    # _share=False: no context hands another its lexicon, so the warm one reads the files
    without = detect(articles, ctx=DetectContext(cache_dir=None, _share=False))
    cold = detect(articles, ctx=DetectContext(cache_dir=tmp_path, _share=False))  # builds, writes
    assert _files(tmp_path)
    warm = detect(articles, ctx=DetectContext(cache_dir=tmp_path, _share=False))  # reads
    assert without.findings.filter(pl.col("code") == "glued_words").height > 0
    for other in (cold, warm):
        assert other.findings.equals(without.findings)
        assert other.signals.equals(without.signals)


def test_default_cache_dir_is_per_user() -> None:
    assert default_cache_dir({"XDG_CACHE_HOME": "/x"}) == Path("/x/dq")
    assert default_cache_dir({"DQ_CACHE_DIR": "/y"}) == Path("/y")
    assert default_cache_dir({}).parts[-2:] == (".cache", "dq")
