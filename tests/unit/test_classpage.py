"""The class page (cs229ps2.grading.classpage): failures grouped by cause across students, pass
rates, times, the score histogram and the page itself."""

import base64
import re
from pathlib import Path

from grading_records import ROWS, record, sheet
from hypothesis import given
from hypothesis import strategies as st

from cs229ps2.grading.classpage import (
    failure_groups,
    normalise,
    part_times,
    pass_rates,
    render,
    score_histogram,
)
from cs229ps2.report.page import data_uri

TEMPLATE = Path(__file__).resolve().parents[2] / "workflow" / "report" / "class.html.jinja"
CRASH = "spam/spam.py line {}, in f: ValueError: x"


def test_the_same_mistake_on_other_lines_groups():
    assert (
        normalise(CRASH.format(19))
        == normalise(CRASH.format(23))
        == "spam/spam.py line #, in f: ValueError: x"
    )
    assert normalise(CRASH.format(19)) != normalise("spam/spam.py line 19, in g: ValueError: x")


def test_counts_values_and_paths_are_taken_out():
    cases = {
        "3 of 60 predictions differ: test accuracy 0.9500, the reference's 0.9667": (
            "# of # predictions differ: test accuracy #, the reference's #"
        ),
        "dictionary differs: 2 missing (e.g. 'free', 'win'); 1 extra (e.g. 'Free')": (
            "dictionary differs: # missing (e.g. '…'); # extra (e.g. '…')"
        ),
        "perceptron/perceptron.py line 4, in initial_state: PermissionError: [Errno 13] "
        "Permission denied: '/etc/hostname'": (
            "perceptron/perceptron.py line #, in initial_state: PermissionError: [Errno #] "
            "Permission denied: '…'"
        ),
        "FileNotFoundError: /tmp/grading-x81/spam_train.tsv (np.int64 at 0x7f3a)": (
            "FileNotFoundError: <path> (np.int64 at #)"
        ),
        "radius 1e-05 chosen, the reference chooses 0.1": "radius # chosen, the reference chooses #",
        "returned shape (3, 4), expected shape (60,)": "returned shape (#), expected shape (#,)",
        "printed more than 64 KB: stopped": "printed more than # KB: stopped",
        "57.5 / 59 points": "# / # points",
    }
    for message, expected in cases.items():
        assert normalise(message) == expected, message


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.floats(0, 1), st.text("abcxyz_", min_size=1))
def test_numbers_and_quoted_names_never_split_a_group(line, count, accuracy, name):
    template = "spam/spam.py line {}, in f: NameError: name '{}' is not defined; {} differ ({:.4f})"
    assert normalise(template.format(line, name, count, accuracy)) == normalise(
        template.format(1, "x", 2, 0.5)
    )


def class_of_three() -> dict:
    return {
        "ann": sheet("pass"),
        "ben": sheet("pass", **{"2a": record("2a", "error", CRASH.format(19))}),
        "cy": sheet(
            "missing",
            **{
                "2a": record("2a", "error", CRASH.format(23)),
                "2a-private": record("2a-private", "error", CRASH.format(23)),
            },
        ),
    }


def test_failures_group_by_cause_with_how_many_students_hit_each():
    groups = {g["cause"]: g for g in failure_groups(class_of_three())}
    crash = groups["spam/spam.py line #, in f: ValueError: x"]
    assert crash["count"] == 2 and crash["students"] == ["ben", "cy"]
    assert crash["parts"] == ["2a", "2a-private"] and crash["statuses"] == ["error"]
    assert crash["example"] == CRASH.format(19)
    assert [g["count"] for g in failure_groups(class_of_three())][0] == 2  # most students first


def test_pass_rates_and_times_per_part():
    rates = {r["part"]: r for r in pass_rates(class_of_three(), ROWS)}
    assert (rates["2a"]["pass"], rates["2a"]["error"], rates["2a"]["rate"]) == (1, 2, "33%")
    assert (rates["5b"]["pass"], rates["5b"]["missing"], rates["5b"]["students"]) == (2, 1, 3)
    students = {"ann": sheet("pass"), "ben": [record(row, seconds=2.0) for row in ROWS]}
    times = {t["part"]: t for t in part_times(students, ROWS)}
    assert times["2b"] == {
        "part": "2b",
        "timed": 2,
        "median": "1.12 s",
        "slowest": "2.00 s",
        "slowest_student": "ben",
        "reference": "0.50 s",
    }


def test_the_page_shows_the_histogram_the_groups_and_links_each_student(tmp_path):
    students = class_of_three()
    score_histogram([59.0, 56.5, 0.0], 59.0, tmp_path / "scores.png")
    png = (tmp_path / "scores.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    flags = [
        {
            "file": "spam/spam.py",
            "student_a": "ben",
            "student_b": "cy",
            "score": "0.97",
            "matched_lines": "A 1-9; B 2-10",
        }
    ]
    page = render(students, ROWS, flags, data_uri(png), TEMPLATE)
    src = re.search(r'<figure id="scores">\s*<img src="data:image/png;base64,([^"]+)"', page)
    assert src and base64.b64decode(src.group(1)) == png
    assert '<a href="ann/report.html">ann</a>' in page and '<a href="cy/report.html">cy</a>' in page
    failures = page.split('id="failures"')[1].split("</table>")[0]
    assert '<b class="count">2</b>: ben, cy' in failures
    assert failures.count('<tr class="failure">') == len(failure_groups(students))
    assert page.count('<tr class="flag">') == 1 and "A 1-9; B 2-10" in page
    assert "3 students, median 56.5 of 59 points" in page
    assert "<style>" in page and 'src="http' not in page  # self-contained


def test_the_page_escapes_what_students_wrote():
    evil = "<script>alert(1)</script>"
    students = {evil: sheet("pass", **{"2a": record("2a", "error", evil)})}
    page = render(students, ROWS, [], "data:image/png;base64,", TEMPLATE)
    assert evil not in page and "&lt;script&gt;" in page
    assert "No pair of files is flagged." in page
