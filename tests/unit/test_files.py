"""Loaders: the real course files, small fixtures, and every kind of bad input."""

import bz2

import numpy as np
import pytest
from conftest import COURSE_DATA, needs_course_data

from cs229ps2.pipeline import files, textcheck
from cs229ps2.pipeline.files import DataError

POINTS = "y,x0,x1\n0,0.5,1.5\n1,2.0,-1.0\n1,3.0,0.25\n"


def write(tmp_path, name, text, mode="w"):
    path = tmp_path / name
    if mode == "wb":
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def vectors_text(rows, dim=8):
    lines = ["x,y"]
    for i in range(rows):
        lines.append(f'"{files.format_vector(np.arange(dim) * (i + 1) / 7 - 0.5)}",{i / 3!r}')
    return "\n".join(lines) + "\n"


def assert_names(error: DataError, path, line):
    assert str(path) in str(error.value)
    assert error.value.line == line
    if line is not None:
        assert f"line {line}" in str(error.value)


# --- fixtures that parse -------------------------------------------------------------


def test_points_parse_with_label_removed(tmp_path):
    x, y = files.read_points(write(tmp_path, "p.csv", POINTS))
    np.testing.assert_array_equal(x, [[0.5, 1.5], [2.0, -1.0], [3.0, 0.25]])
    np.testing.assert_array_equal(y, [0, 1, 1])
    assert y.dtype.kind == "i"


def test_points_with_label_last(tmp_path):
    path = write(tmp_path, "nn.csv", "x1,x2,y\n1.0,2.0,1\n3.0,4.0,0\n")
    x, y = files.read_points(path, columns=("x1", "x2", "y"))
    np.testing.assert_array_equal(x, [[1, 2], [3, 4]])
    np.testing.assert_array_equal(y, [1, 0])


def test_points_round_trip(tmp_path):
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(20, 2)), rng.integers(0, 2, 20)
    files.write_points(tmp_path / "p.csv", x, y)
    x2, y2 = files.read_points(tmp_path / "p.csv")
    np.testing.assert_array_equal(x, x2)
    np.testing.assert_array_equal(y, y2)


def test_crlf_line_ends_are_accepted(tmp_path):
    path = write(tmp_path, "p.csv", POINTS.replace("\n", "\r\n").encode(), "wb")
    x, _ = files.read_points(path)
    assert x.shape == (3, 2)


def test_vectors_round_trip_in_numpy_print_format(tmp_path):
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(5, 10)), rng.normal(size=5)
    files.write_vectors(tmp_path / "v.csv", x, y)
    text = (tmp_path / "v.csv").read_text()
    assert text.startswith('x,y\n"[') and "\n " in text  # vectors span several lines
    x2, y2 = files.read_vectors(tmp_path / "v.csv")
    np.testing.assert_allclose(x2, x, rtol=1e-8)
    np.testing.assert_array_equal(y2, y)


def test_format_vector_matches_numpy_printing():
    v = np.array([1.11527124, -0.0670351748, -1.69492448, -1.63947678, 0.469995984, 0.647700934])
    with np.printoptions(formatter={"float": lambda f: f"{f: .8e}"}):
        assert files.format_vector(v) == str(v)


def test_spam_readers_differ_only_on_quoted_lines(tmp_path):
    text = 'ham\tok then\nspam\t"FREE prize\nham\tsee "" you"\nham\tplain\n'
    path = write(tmp_path, "s.tsv", text)
    messages, labels = files.read_spam(path, "course")
    assert messages == ["ok then", 'FREE prize\nham\tsee " you', "plain"]
    np.testing.assert_array_equal(labels, [0, 1, 0])
    strict, strict_labels = files.read_spam(path, "strict")
    assert strict == ["ok then", '"FREE prize', 'see "" you"', "plain"]
    np.testing.assert_array_equal(strict_labels, [0, 1, 0, 0])
    assert files.spam_reader_disagreements(path) == [2, 3]


def test_matrix_reads_bz2(tmp_path):
    m = np.arange(12.0).reshape(3, 4) / 3
    text = "\n".join("\t".join(repr(float(v)) for v in row) for row in m) + "\n"
    path = write(tmp_path, "m.tsv.bz2", bz2.compress(text.encode()), "wb")
    np.testing.assert_array_equal(files.read_matrix(path), m)


def test_json_is_deterministic(tmp_path):
    files.write_json(tmp_path / "a.json", {"b": 1, "a": [1.5, None]})
    files.write_json(tmp_path / "b.json", {"a": [1.5, None], "b": 1})
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert files.read_json(tmp_path / "a.json") == {"a": [1.5, None], "b": 1}


def test_npz_is_byte_identical_and_loads(tmp_path):
    counts, labels = np.arange(12).reshape(4, 3), np.array([0, 1, 1, 0])
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    files.write_npz(first, counts=counts, labels=labels)
    files.write_npz(second, counts=counts, labels=labels)
    assert first.read_bytes() == second.read_bytes()
    loaded = np.load(first)
    np.testing.assert_array_equal(loaded["counts"], counts)
    np.testing.assert_array_equal(loaded["labels"], labels)


def test_labels_round_trip_and_reject_other_values(tmp_path):
    files.write_labels(tmp_path / "p.txt", np.array([1, 0, 0, 1]))
    assert (tmp_path / "p.txt").read_text() == "1\n0\n0\n1\n"
    np.testing.assert_array_equal(files.read_labels(tmp_path / "p.txt"), [1, 0, 0, 1])
    bad = write(tmp_path, "bad.txt", "1\n0\n-1\n")
    with pytest.raises(DataError) as error:
        files.read_labels(bad)
    assert_names(error, bad, 3)


def test_rows_are_plain_csv_as_pandas_writes_them(tmp_path):
    import pandas as pd

    rows = [
        {"rate": 0.1, "n": 3, "ok": True, "status": "ok, fine", "loss": float("nan")},
        {"rate": 1 / 3, "n": 40, "ok": False, "status": 'said "no"', "loss": 2.5},
    ]
    columns = ["rate", "n", "ok", "status", "loss"]
    files.write_rows(tmp_path / "t.csv", rows, columns)
    text = (tmp_path / "t.csv").read_text()
    assert text.splitlines()[:2] == ["rate,n,ok,status,loss", '0.1,3,True,"ok, fine",']
    pd.DataFrame(rows, columns=columns).to_csv(tmp_path / "p.csv", index=False, float_format="%.10g")
    assert text == (tmp_path / "p.csv").read_text()  # the oracle: pandas' CSV of the same table
    assert files.read_rows(tmp_path / "t.csv")[1] == {
        "rate": "0.3333333333",
        "n": "40",
        "ok": "False",
        "status": 'said "no"',
        "loss": "2.5",
    }


# --- bad input: one error naming file and line ------------------------------------------

BAD_POINTS = {
    "missing column": ("y,x0\n0,1.0\n", 1),
    "extra column": ("y,x0,x1,x2\n0,1,2,3\n", 1),
    "renamed column": ("label,x0,x1\n0,1,2\n", 1),
    "label outside 0/1": ("y,x0,x1\n0,1,2\n2,1,2\n", 3),
    "fractional label": ("y,x0,x1\n0.5,1,2\n", 2),
    "NaN": ("y,x0,x1\n0,1,2\n1,nan,2\n", 3),
    "infinite": ("y,x0,x1\n0,inf,2\n", 2),
    "ragged row": ("y,x0,x1\n0,1,2\n1,2\n0,1,2\n", 3),
    "truncated last row": ("y,x0,x1\n0,1,2\n1,2.5", 3),
    "empty field": ("y,x0,x1\n0,1,\n", 2),
    "text in number": ("y,x0,x1\n0,1,abc\n", 2),
    "no rows": ("y,x0,x1\n", 2),
}


@pytest.mark.parametrize("case", BAD_POINTS)
def test_bad_points_name_file_and_line(tmp_path, case):
    text, line = BAD_POINTS[case]
    path = write(tmp_path, "bad.csv", text)
    with pytest.raises(DataError) as error:
        files.read_points(path)
    assert_names(error, path, line)


def test_missing_file_is_named(tmp_path):
    for reader in (files.read_points, files.read_spam, files.read_vectors, files.read_matrix):
        with pytest.raises(DataError, match="file not found") as error:
            reader(tmp_path / "absent.csv")
        assert_names(error, tmp_path / "absent.csv", None)


def test_non_utf8_bytes_name_the_line(tmp_path):
    path = write(tmp_path, "s.tsv", b"ham\tfine\nspam\tbad \xff byte\n", "wb")
    with pytest.raises(DataError, match="not UTF-8") as error:
        files.read_spam(path)
    assert_names(error, path, 2)


BAD_SPAM = {
    "unknown label": ("ham\tok\nmaybe\thello\n", 2),
    "missing column": ("ham\tok\nspam no tab\n", 2),
    "extra column": ("ham\tok\nham\ta\tb\n", 2),
    "truncated last line": ("ham\tok\nham\tcut", 2),
}


@pytest.mark.parametrize("reader", ["course", "strict"])
@pytest.mark.parametrize("case", BAD_SPAM)
def test_bad_spam_names_file_and_line(tmp_path, case, reader):
    text, line = BAD_SPAM[case]
    path = write(tmp_path, "s.tsv", text)
    with pytest.raises(DataError) as error:
        files.read_spam(path, reader)
    assert_names(error, path, line)


def test_bad_vectors_name_file_and_line(tmp_path):
    good = vectors_text(4)  # header, then 2 lines per record: records start on lines 2, 4, 6, 8
    second = good.index("]", good.index("]") + 1)
    cases = {
        "wrong length": (good[:second] + " 1.0" + good[second:], 4),
        "not a number in vector": (good.replace("e", "X", 1), 2),
        "truncated file": ("".join(good.splitlines(keepends=True)[:-1]), 8),
        "wrong header": (good.replace("x,y", "x,z", 1), 1),
        "NaN target": (good.replace(",0.0\n", ",nan\n", 1), 2),
    }
    for case, (text, line) in cases.items():
        path = write(tmp_path, f"{case}.csv", text)
        with pytest.raises(DataError) as error:
            files.read_vectors(path)
        assert_names(error, path, line)


def test_vector_dimension_is_enforced(tmp_path):
    path = write(tmp_path, "v.csv", vectors_text(3, dim=8))
    with pytest.raises(DataError, match="expected 9") as error:
        files.read_vectors(path, dim=9)
    assert_names(error, path, 2)


def test_bad_matrix_names_line(tmp_path):
    ragged = write(tmp_path, "r.tsv.bz2", bz2.compress(b"1\t2\n3\n"), "wb")
    with pytest.raises(DataError) as error:
        files.read_matrix(ragged)
    assert_names(error, ragged, 2)
    nan = write(tmp_path, "n.tsv.bz2", bz2.compress(b"1\t2\n3\tnan\n"), "wb")
    with pytest.raises(DataError) as error:
        files.read_matrix(nan)
    assert_names(error, nan, 2)
    corrupt = write(tmp_path, "c.tsv.bz2", b"this is not bz2", "wb")
    with pytest.raises(DataError, match="bz2"):
        files.read_matrix(corrupt)
    truncated = write(tmp_path, "t.tsv.bz2", bz2.compress(b"1\t2\n3\t4\n" * 100)[:-20], "wb")
    with pytest.raises(DataError, match="bz2") as error:
        files.read_matrix(truncated)
    assert str(truncated) in str(error.value)


# --- the course's own files -------------------------------------------------------------


@needs_course_data
def test_course_point_files():
    for name in ("stability/ds1_a.csv", "stability/ds1_b.csv", "perceptron/train.csv", "perceptron/test.csv"):
        x, y = files.read_points(COURSE_DATA / name)
        assert x.shape == (len(y), 2) and set(np.unique(y)) == {0, 1}
    x, y = files.read_points(COURSE_DATA / "simple_nn/train.csv", columns=("x1", "x2", "y"))
    assert x.shape == (448, 2) and x.min() >= 0 and x.max() <= 4


@needs_course_data
def test_course_spam_files_with_both_readers():
    expected = {"train": (4457, 4459), "val": (557, 557), "test": (558, 558)}
    for split, (n_course, n_strict) in expected.items():
        path = COURSE_DATA / f"spam/spam_{split}.tsv"
        assert len(files.read_spam(path, "course")[0]) == n_course
        assert len(files.read_spam(path, "strict")[0]) == n_strict
    train = COURSE_DATA / "spam/spam_train.tsv"
    assert {418, 419, 420} <= set(files.spam_reader_disagreements(train))
    messages, _ = files.read_spam(train, "course")
    assert "\nham\tYeah, give me a call" in messages[417]  # lines 418-420 are one message
    rows = {line: message for line, _, message in files.read_spam_rows(train, "course")}
    assert 419 not in rows and 420 not in rows  # the quote on line 418 swallows the next two lines
    assert rows[418].count("\nham\t") == 2


@needs_course_data
def test_course_bayesianreg_files_are_nested():
    x200, y200 = files.read_vectors(COURSE_DATA / "bayesianreg/train200.csv")
    x250, y250 = files.read_vectors(COURSE_DATA / "bayesianreg/train250.csv", dim=500)
    assert x200.shape == (200, 500) and x250.shape == (250, 500)
    np.testing.assert_array_equal(x250[:200], x200)
    np.testing.assert_array_equal(y250[:200], y200)


@needs_course_data
def test_course_bert_matrix():
    m = files.read_matrix(COURSE_DATA / "spam/bert_val_matrix.tsv.bz2")
    assert m.shape == (557, 768)


# --- harmless variants: read as the same data, and said so ------------------------------------


def variants(text: str, numeric: bool) -> dict[str, str]:
    """The harmless variants of a file's text that a spreadsheet or an editor leaves."""
    found = {
        "byte-order mark": textcheck.BOM + text,
        "two trailing blank lines": text + "\n\n",
        "CRLF line ends": text.replace("\n", "\r\n"),
        "mixed line ends": text.replace("\n", "\r\n", 1),
        "all at once": textcheck.BOM + text.replace("\n", "\r\n") + "\r\n \n",
    }
    if numeric:
        found["trailing spaces and tabs"] = text.replace("\n", " \t\n")
    return found


def same(a, b) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(a, b))


POINTS_TEXT = "y,x0,x1\n0,1.5,2.0\n1,-2.5,3.0\n"
VECTORS_TEXT = 'x,y\n"[ 1.0e+00 -2.0e+00\n  3.0e+00]",0.5\n"[ 4.0e+00  5.0e+00\n -6.0e+00]",-1.25\n'
SPAM_TEXT = "ham\tsee you at lunch\nspam\twin a prize now\n"


@pytest.mark.parametrize(
    ("reader", "text", "numeric"),
    [
        (files.read_points, POINTS_TEXT, True),
        (files.read_vectors, VECTORS_TEXT, True),
        (files.read_spam, SPAM_TEXT, False),
    ],
    ids=["points", "vectors", "spam"],
)
def test_harmless_variants_read_as_the_same_data(tmp_path, reader, text, numeric):
    clean = reader(write(tmp_path, "clean.txt", text))
    for name, variant in variants(text, numeric).items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(variant.encode("utf-8"))
        assert same(reader(path), clean), name


def test_normalize_says_what_it_undid():
    text, notes = textcheck.normalize(textcheck.BOM + "y,x0\r\n0,1 \n\n\n", numeric=True)
    assert text == "y,x0\n0,1\n"
    assert notes == [
        "byte-order mark removed",
        "CRLF line ends made LF",
        "trailing spaces removed on 1 line",
        "2 trailing blank lines ignored",
    ]
    assert textcheck.normalize("y,x0\n0,1", numeric=True) == ("y,x0\n0,1", [])  # truncated stays truncated


@pytest.mark.parametrize(
    ("text", "line", "named"),
    [
        ("y,x0,x1\n0,1\ufeff,2\n", 2, "a byte-order mark (U+FEFF)"),
        ("y,x0,x1\n0,1\u00a05,2\n", 2, "a non-breaking space (U+00A0)"),
        ("y,x0,x1\n0,1,\u200b2\n", 2, "a zero-width space (U+200B)"),
        ("y\tx0\tx1\n0,1,2\n", 1, "a tab where a comma belongs"),
        ("y,x0,x1\n0\t1\t2\n", 2, "a tab where a comma belongs"),
        ("y,x0\u00a0,x1\n0,1,2\n", 1, "a non-breaking space (U+00A0)"),
    ],
)
def test_invisible_characters_are_named_in_one_line(tmp_path, text, line, named):
    path = write(tmp_path, "bad.csv", text)
    with pytest.raises(DataError) as error:
        files.read_points(path)
    assert_names(error, path, line)
    assert named in str(error.value) and "\n" not in str(error.value)


def test_a_byte_order_mark_inside_a_spam_file_is_named(tmp_path):
    path = write(tmp_path, "spam.tsv", "ham\thello\n\ufeffspam\twin\n")
    with pytest.raises(
        DataError, match=r"line 2: label '\\ufeffspam' is not 'spam' or 'ham' \(it holds a byte-order mark"
    ):
        files.read_spam(path)
