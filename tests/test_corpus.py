"""Reading a corpus: formats, encodings, skipped files and long texts (no model needed)."""
from __future__ import annotations

import codecs
import json
import warnings

import pytest

from kg.corpus import MAX_CHARS, documents_from_texts, html_text, read_documents, split_long_text
from kg.errors import InputError, InputWarning

ARTICLE = "Mistral AI a levé 600 millions d'euros auprès de General Catalyst."


def read(*paths, **kwargs):
    """(documents, warning messages) of reading ``paths``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = list(read_documents(paths, **kwargs))
    return docs, [str(w.message) for w in caught if issubclass(w.category, InputWarning)]


# --- folders and files ---------------------------------------------------------------------------

def test_folders_are_read_recursively_in_sorted_order_without_hidden_or_unknown_files(tmp_path):
    for name in ("b.txt", "a/z.md", "a/c.txt", ".hidden.txt", ".git/x.txt", "notes.docx", "img.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    docs, warned = read(tmp_path)
    assert [d.id for d in docs] == ["a/c.txt", "a/z.md", "b.txt"]
    assert warned == []


def test_a_file_given_explicitly_is_read_whatever_its_suffix_when_it_is_text(tmp_path):
    (tmp_path / "article.text").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "legacy.dat").write_bytes("Société".encode("cp1252"))
    docs, warned = read(tmp_path / "article.text", tmp_path / "legacy.dat")
    assert [(d.id, d.text) for d in docs] == [("article.text", ARTICLE)]
    assert warned == [f"{tmp_path / 'legacy.dat'}: unknown file type and not UTF-8 text, skipped"]


def test_every_path_is_checked_before_any_document_is_read(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(InputError, match="input path does not exist: .*nope"):
        next(read_documents([tmp_path / "a.txt", tmp_path / "nope"]))


# --- encodings and unusable files ------------------------------------------------------------------

@pytest.mark.parametrize("encoded", [
    codecs.BOM_UTF8 + "Société Générale\r\nfin".encode("utf-8"),
    "Société Générale\r\nfin".encode("utf-8"),
    codecs.BOM_UTF16_LE + "Société Générale\r\nfin".encode("utf-16-le"),
    codecs.BOM_UTF16_BE + "Société Générale\r\nfin".encode("utf-16-be"),
    "Société Générale\r\nfin".encode("utf-32"),
], ids=["utf-8-bom", "utf-8", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_files_are_decoded_without_warning(tmp_path, encoded):
    (tmp_path / "a.txt").write_bytes(encoded)
    docs, warned = read(tmp_path)
    assert [d.text for d in docs] == ["Société Générale\nfin"]
    assert warned == []


def test_legacy_8_bit_text_is_decoded_with_a_warning_naming_the_file(tmp_path):
    (tmp_path / "cp.txt").write_bytes("L’État a signé – « oui »".encode("cp1252"))
    (tmp_path / "latin.txt").write_bytes(b"caf\xe9 \x81")  # 0x81 is undefined in cp1252
    docs, warned = read(tmp_path)
    assert [d.text for d in docs] == ["L’État a signé – « oui »", "café \x81"]
    assert warned == [f"{tmp_path / 'cp.txt'}: not UTF-8, decoded as cp1252 (save it as UTF-8 to silence this)",
                      f"{tmp_path / 'latin.txt'}: not UTF-8, decoded as latin-1 (save it as UTF-8 to silence this)"]


def test_binary_empty_and_blank_files_are_skipped_with_a_warning_naming_them(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\u00a0\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    docs, warned = read(tmp_path)
    assert [d.id for d in docs] == ["good.txt"]
    assert warned == [f"{tmp_path / 'bin.txt'}: binary file (NUL bytes), skipped",
                      f"{tmp_path / 'blank.txt'}: only whitespace, skipped",
                      f"{tmp_path / 'empty.txt'}: empty file, skipped"]


def test_a_stray_nul_in_utf8_text_does_not_make_it_binary(tmp_path):
    text = "Le contrat\x00 porte sur des satellites et des radars pour l'armée de l'air française."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("caf\xe9\x00".encode("latin-1") + b" et th\xe9" * 50)
    docs, warned = read(tmp_path)
    assert [d.text for d in docs] == [text]
    assert warned == [f"{tmp_path / 'b.txt'}: binary file (NUL bytes), skipped"]


# --- HTML ------------------------------------------------------------------------------------------

def test_html_gives_its_visible_text_one_paragraph_per_line_and_its_title_as_metadata(tmp_path):
    page = """<!doctype html><html><head><title> Levée de
      fonds </title><style>p { color: red }</style><script>var x = "<p>caché</p>";</script></head>
      <body><h1>Mistral AI lève des fonds</h1><p>Mistral&nbsp;AI a levé <b>600 M€</b>
      auprès de General&#32;Catalyst.</p><noscript>Activez JavaScript</noscript>
      <ul><li>Un</li><li>Deux</li></ul>Fin<br>du texte &lt;b&gt;</body></html>"""
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    docs, warned = read(tmp_path)
    assert warned == []
    assert docs[0].text == ("Mistral AI lève des fonds\nMistral AI a levé 600 M€ auprès de General Catalyst.\n"
                            "Un\nDeux\nFin\ndu texte <b>")
    assert docs[0].meta == (("title", "Levée de fonds"),)


def test_html_keeps_the_lines_of_preformatted_text():
    assert html_text("<pre>un\n  deux</pre><p>trois</p>") == ("un\ndeux\ntrois", "")


def test_html_without_visible_text_is_skipped(tmp_path):
    (tmp_path / "a.htm").write_text("<html><script>alert(1)</script></html>", encoding="utf-8")
    docs, warned = read(tmp_path)
    assert docs == [] and warned == [f"{tmp_path / 'a.htm'}: no visible text, skipped"]


# --- records ---------------------------------------------------------------------------------------

def test_a_json_object_is_one_document_with_the_file_id_and_its_metadata(tmp_path):
    record = {"id": 7, "title": "Levée", "date": "2024-06-11", "url": "https://x.fr/a", "lang": "fr",
              "author": {"name": "ignored"}, "content": ARTICLE}
    (tmp_path / "one.json").write_text(json.dumps(record), encoding="utf-8")
    docs, warned = read(tmp_path)
    assert warned == []
    assert docs == [type(docs[0])("one.json", ARTICLE, "fr", (("id", "7"), ("title", "Levée"),
                                                              ("date", "2024-06-11"), ("url", "https://x.fr/a")))]


def test_a_json_list_gives_one_document_per_record_id_or_position(tmp_path):
    records = [{"id": "a1", "text": ARTICLE}, {"Body": "Second article."}, "not a record",
               {"title": "no text"}, {"article": "   "}]
    (tmp_path / "many.json").write_text(json.dumps(records), encoding="utf-8")
    docs, warned = read(tmp_path)
    assert [(d.id, d.text) for d in docs] == [("many.json#a1", ARTICLE), ("many.json#2", "Second article.")]
    f = tmp_path / "many.json"
    assert warned == [f"{f}: record 3: not an object with a text field, skipped",
                      f"{f}: record 4: no text field (text, content, body, article), skipped",
                      f"{f}: record 5: empty text, skipped"]


def test_invalid_json_is_reported_with_its_line(tmp_path):
    (tmp_path / "bad.json").write_text('[\n{"text": "a"},\n{"text": }\n]', encoding="utf-8")
    docs, warned = read(tmp_path)
    assert docs == [] and warned == [f"{tmp_path / 'bad.json'}:3: invalid JSON (Expecting value), file skipped"]


def test_json_lines_skip_a_malformed_line_and_report_its_number(tmp_path):
    lines = [json.dumps({"id": "x", "text": ARTICLE}), "", '{"text": "cut', json.dumps({"content": "Deux\u2028trois"})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, warned = read(tmp_path)
    assert [(d.id, d.text) for d in docs] == [("feed.jsonl#x", ARTICLE), ("feed.jsonl#4", "Deux\u2028trois")]
    assert warned == [f"{tmp_path / 'feed.jsonl'}:3: invalid JSON, skipped"]


def test_csv_rows_are_documents_with_their_metadata_and_line_ids(tmp_path):
    long_text = "Mot " * 40_000  # over csv's default 128 KiB field limit
    rows = ('id,Title,text,url\n'
            ',Un,"Première ligne\nseconde ligne",https://x.fr/1\n'
            'b7,Deux,"Il a dit ""oui"".",\n'
            ',Trois,{long},\n'
            'x,y\n').format(long=long_text)
    (tmp_path / "news.csv").write_text(rows, encoding="utf-8")
    docs, warned = read(tmp_path)
    assert [(d.id, d.meta) for d in docs] == [
        ("news.csv#2", (("title", "Un"), ("url", "https://x.fr/1"))),
        ("news.csv#b7", (("id", "b7"), ("title", "Deux"))),
        ("news.csv#5", (("title", "Trois"),)),
    ]
    assert docs[0].text == "Première ligne\nseconde ligne" and docs[1].text == 'Il a dit "oui".'
    assert docs[2].text == long_text
    assert warned == [f"{tmp_path / 'news.csv'}:6: 2 fields where the header has 4, skipped"]


def test_csv_with_semicolons_and_csv_without_a_text_column(tmp_path):
    (tmp_path / "fr.csv").write_text("titre;contenu;content\nA;x;Texte, avec virgule\n", encoding="utf-8")
    (tmp_path / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    docs, warned = read(tmp_path)
    assert [(d.id, d.text) for d in docs] == [("fr.csv#2", "Texte, avec virgule")]
    assert warned == [f"{tmp_path / 'other.csv'}: no text column (text, content, body, article) "
                      "in the header line, skipped"]


# --- long texts ------------------------------------------------------------------------------------

def test_split_long_text_prefers_paragraphs_then_lines_then_sentences_then_spaces():
    assert split_long_text("aaaa\n\nbb\ncc dd", 10) == ["aaaa\n\nbb\n", "cc dd"]
    assert split_long_text("Un deux. Trois quatre cinq", 12) == ["Un deux. ", "Trois quatre", " cinq"]
    assert split_long_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    with pytest.raises(ValueError):
        split_long_text("abc", 0)


def test_a_document_longer_than_spacy_accepts_is_read_as_pieces_sharing_its_id(tmp_path):
    paragraph = ARTICLE + " " + "Le texte continue ici sans rien dire. " * 40 + "\n\n"
    text = paragraph * (2_500_000 // len(paragraph) + 1)
    assert len(text) > 2_500_000
    (tmp_path / "huge.txt").write_text(text, encoding="utf-8")
    docs, warned = read(tmp_path)
    assert warned == [] and len(docs) >= 5
    assert all(len(d.text) <= MAX_CHARS < 1_000_000 for d in docs)
    assert {d.id for d in docs} == {"huge.txt"}
    assert [d.meta for d in docs] == [(("part", str(k)),) for k in range(1, len(docs) + 1)]
    assert "".join(d.text for d in docs) == text
    assert all(d.text.endswith("\n\n") for d in docs[:-1])


def test_in_memory_texts_are_split_too():
    docs = documents_from_texts({"a": "un. " * 10, "b": " "}, max_chars=16)
    assert [d.id for d in docs] == ["a"] * 3 and all(len(d.text) <= 16 for d in docs)
