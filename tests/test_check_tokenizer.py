"""jieba as language.md says: HMM off, offsets kept through normalisation, private cache."""

from __future__ import annotations

import itertools

from docgen.check import tokenizer


def test_normalise_keeps_length() -> None:
    text = "完成率９５．６％，ＡＢＣ　村"
    out = tokenizer.normalise(text)
    assert len(out) == len(text)
    assert out == "完成率95.6%,ABC 村"


def test_tokens_offsets_cover_original_text() -> None:
    text = "全镇完成率达到９５％，对计外生育不再处罚"
    toks = tokenizer.tokens(text)
    assert toks[0][1] == 0 and toks[-1][2] == len(text)
    assert all(a[2] == b[1] for a, b in itertools.pairwise(toks))
    assert ("95", 7, 9) in toks  # full-width digits form one token after normalisation


def test_hmm_is_off() -> None:
    # with HMM on, jieba glues unknown characters into invented words
    words = [w for w, _, _ in tokenizer.tokens("对计外")]
    assert "对计外" not in words and "计外" not in words


def test_single_instance_with_private_cache(tmp_path, monkeypatch) -> None:
    a = tokenizer.tokenizer()
    assert tokenizer.tokenizer() is a
    assert a.tmp_dir == str(tokenizer.cache_dir())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr("sys.platform", "linux")
    assert tokenizer.cache_dir() == tmp_path / "docgen" / "jieba"


def test_importing_the_checker_does_not_import_jieba() -> None:
    import subprocess
    import sys

    code = (
        "import docgen.check, docgen.check.engine, docgen.check.rules, sys;"
        "print('jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _printed_by_a_new_process(*lines: str) -> list[str]:
    """What a fresh interpreter prints running ``lines``: nothing imported beforehand."""
    import subprocess
    import sys

    script = "\n".join(lines) + "\n"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def test_the_tagger_is_built_without_jieba_reading_every_words_tag() -> None:
    printed = _printed_by_a_new_process(
        "import jieba",
        "from docgen.check import tokenizer",
        "tags = tokenizer.tagged('请陈立同志主持会议')",
        "from jieba import posseg",
        "print(len(posseg.dt.word_tag_tab), 'get_dict_file' in vars(jieba.dt),"
        " any(tag == 'nr' for _, tag, _, _ in tags))",
    )
    assert printed == ["0", "False", "True"]


def test_jieba_finds_its_dictionary_without_pkg_resources() -> None:
    printed = _printed_by_a_new_process(
        "import sys",
        "from docgen.check import tokenizer",
        "words = [w for w, _, _ in tokenizer.tokens('全面推进乡村振兴')]",
        "print('pkg_resources' in sys.modules, words == ['全面', '推进', '乡村', '振兴'])",
    )
    assert printed == ["False", "True"]


def test_loading_ahead_leaves_nothing_for_the_first_document_to_load() -> None:
    # a batch loads before its workers fork, so they share one copy: nothing may be left lazy
    printed = _printed_by_a_new_process(
        "from docgen.check import CheckConfig, load_ahead, tokenizer",
        "from docgen.check.spelling import model",
        "load_ahead(CheckConfig())",
        "print(tokenizer._instance is not None, tokenizer._tag_table is not None)",
        "print(model._load.cache_info().currsize)",
    )
    assert printed == ["True", "True", "1"]


def test_jiebas_cache_is_read_whole_into_the_same_words() -> None:
    import io
    import marshal

    words = ({"乡村": 120, "乡村振兴": 30, "振兴": 80}, 230)
    reads: list[int] = []

    class Counted(io.BytesIO):
        def read(self, size=-1):
            reads.append(size)
            return super().read(size)

        def readinto(self, buffer):
            reads.append(len(buffer))
            return super().readinto(buffer)

    jieba = tokenizer._import_jieba()
    assert jieba.marshal.load(Counted(marshal.dumps(words))) == words
    assert reads == [-1]  # one read of the whole file, not one per object
