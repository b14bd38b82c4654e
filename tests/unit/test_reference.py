"""Reference answers (cs229ps2.pipeline.reference) and the cs229ps2 command on hand-made runs."""

from __future__ import annotations

import json
import math

import pytest

from cs229ps2 import cli
from cs229ps2.pipeline import files, reference

SUMMARY = {
    "provenance": {"data": {"spam": {"source": "course"}, "bayesianreg": {"source": "synthetic"}}},
    "spam": {"vocabulary_size": 1721, "top_words": [{"word": "claim", "log_ratio": 5.0}, {"word": "won"}]},
    "stability": {
        "modifications": [{"modification": "lr-1", "converged": False}, {"modification": "l2-0.1"}]
    },
    "doubledescent": {"validation_mse": {"200": {"0": 1.5, "1": 0.5}}},
    "batchnorm": {"max_relative_error": {"beta": 1e-9, "gamma": 3e-9}},
}
CONFIG = {"course_data": "", "spam": {"min_messages": 5, "svm": {"radii": [0.1, 1]}}}
REFERENCE = {
    "sets": {
        "course": {
            "description": "the course files",
            "config": "config.yaml",
            "sources": {"spam": "course", "bayesianreg": "synthetic"},
            "answers": [
                {"answer": "2(a) vocabulary", "path": "spam.vocabulary_size", "expected": 1721},
                {"answer": "2(c) top words", "path": "spam.top_words[*].word", "expected": ["claim", "won"]},
                {
                    "answer": "1(c) lr-1",
                    "path": "stability.modifications[modification=lr-1].converged",
                    "expected": False,
                },
                {
                    "answer": "4(d) MSE",
                    "path": "doubledescent.validation_mse",
                    "expected": {"200": {"0": 1.5, "1": 0.5}},
                    "tolerance": 1e-9,
                },
                {"answer": "6 errors", "path": "batchnorm.max_relative_error", "at_most": 1e-6},
            ],
        }
    }
}


def test_resolve_follows_keys_indices_projections_and_selections():
    assert reference.resolve(SUMMARY, "spam.top_words[0].log_ratio") == 5.0
    assert reference.resolve(SUMMARY, "spam.top_words[*].word") == ["claim", "won"]
    assert reference.resolve(SUMMARY, "stability.modifications[modification=lr-1].converged") is False
    assert reference.resolve(SUMMARY, "doubledescent.validation_mse.200.1") == 0.5
    with pytest.raises(KeyError, match="no key 'nothing'"):
        reference.resolve(SUMMARY, "spam.nothing")
    with pytest.raises(KeyError, match="0 items"):
        reference.resolve(SUMMARY, "stability.modifications[modification=decay-1]")


def test_distance_of_numbers_and_structures():
    assert reference.distance(1.0, 1.25) == 0.25
    assert reference.distance({"a": [1, 2]}, {"a": [1, 2.5]}) == 0.5
    assert reference.distance([1, 2], [1, 2, 3]) == math.inf
    assert reference.distance("won", "won") == 0 and reference.distance("won", "lost") == math.inf
    assert reference.distance(True, False) == math.inf and reference.distance(1.0, math.nan) == math.inf


def test_every_answer_matches_when_nothing_moved():
    rows = reference.check(REFERENCE, {"config.yaml": CONFIG}, {**CONFIG, "course_data": "x"}, SUMMARY)
    assert rows[0]["ok"] == "yes" and rows[0]["got"] == "course"
    assert [row["ok"] for row in rows[1:]] == ["yes"] * 5
    assert list(rows[0]) == list(reference.COLUMNS)


def test_a_moved_answer_fails_naming_it_with_the_difference():
    moved = json.loads(json.dumps(SUMMARY))
    moved["doubledescent"]["validation_mse"]["200"]["1"] = 0.75
    moved["spam"]["top_words"][1]["word"] = "prize"
    moved["batchnorm"]["max_relative_error"]["gamma"] = 2e-6
    rows = reference.check(REFERENCE, {"config.yaml": CONFIG}, CONFIG, moved)
    failed = {row["answer"]: row for row in reference.failures(rows)}
    assert set(failed) == {"4(d) MSE", "2(c) top words", "6 errors"}
    assert failed["4(d) MSE"]["difference"] == "0.25" and failed["2(c) top words"]["difference"] == "differs"
    assert (
        failed["2(c) top words"]["got"] == "[claim, prize]" and failed["6 errors"]["expected"] == "<= 1e-06"
    )


def test_a_missing_value_fails():
    gone = {**SUMMARY, "spam": {}}
    rows = reference.check(REFERENCE, {"config.yaml": CONFIG}, CONFIG, gone)
    assert [r["answer"] for r in reference.failures(rows)] == ["2(a) vocabulary", "2(c) top words"]
    assert rows[1]["got"] == "missing"


def test_no_set_applies_to_another_config_or_other_data():
    other = {**CONFIG, "spam": {"min_messages": 3, "svm": {"radii": [0.1, 1]}}}
    rows = reference.check(REFERENCE, {"config.yaml": CONFIG}, other, SUMMARY)
    assert len(rows) == 1 and rows[0]["ok"] == "n/a" and "spam.min_messages" in rows[0]["note"]
    synthetic = {**SUMMARY, "provenance": {"data": {"spam": {"source": "synthetic"}}}}
    rows = reference.check(REFERENCE, {"config.yaml": CONFIG}, CONFIG, synthetic)
    assert rows[0]["ok"] == "n/a" and "needs bayesianreg synthetic, spam course" in rows[0]["note"]


def write_check(path, rows):
    files.write_rows(path, rows, reference.COLUMNS)
    return path


def test_check_command_exits_1_naming_each_failed_answer(tmp_path, capsys):
    moved = {**SUMMARY, "spam": {**SUMMARY["spam"], "vocabulary_size": 1720}}
    rows = reference.check(REFERENCE, {"config.yaml": CONFIG}, CONFIG, moved)
    assert cli.main(["check", str(write_check(tmp_path / "check.csv", rows))]) == 1
    out = capsys.readouterr().out
    assert "FAILED 2(a) vocabulary: expected 1721, got 1720" in out and "4 of 5 answers match" in out
    good = reference.check(REFERENCE, {"config.yaml": CONFIG}, CONFIG, SUMMARY)
    assert cli.main(["check", str(write_check(tmp_path / "good.csv", good))]) == 0
    none = reference.check(REFERENCE, {"config.yaml": CONFIG}, {"other": 1}, SUMMARY)
    assert cli.main(["check", str(write_check(tmp_path / "none.csv", none))]) == 0
    assert cli.main(["check", "--require", str(tmp_path / "none.csv")]) == 1


def test_diff_command_prints_each_headline_number_that_moved(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(
        cli,
        "headline_paths",
        lambda: {a["answer"]: a["path"] for a in REFERENCE["sets"]["course"]["answers"]},
    )
    old, new = tmp_path / "old", tmp_path / "new"
    for folder, vocabulary in ((old, 1721), (new, 1700)):
        folder.mkdir()
        files.write_json(
            folder / "summary.json", {**SUMMARY, "spam": {**SUMMARY["spam"], "vocabulary_size": vocabulary}}
        )
    assert cli.main(["diff", str(old), str(new)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[1].split() == ["2(a)", "vocabulary", "1721", "1700", "21"]
    cli.main(["diff", "--all", str(old), str(old)])
    assert len(capsys.readouterr().out.splitlines()) == 1 + 5


def test_every_reference_answer_names_a_path_and_a_bound():
    sets = reference.read_reference(cli.REFERENCE)["sets"]
    assert {"course", "synthetic", "test"} <= set(sets)
    for entry in sets.values():
        for answer in entry["answers"]:
            assert {"answer", "path"} <= set(answer) and ("expected" in answer) != ("at_most" in answer)


def test_relative_tolerance_scales_with_each_entrys_condition_number():
    """An ill-conditioned entry may move by rtol x its condition number, a well-conditioned one
    only by rtol x its own (the 4(d) MSE table: n = d is nearly singular)."""
    answer = {
        "answer": "4(d) MSE",
        "path": "doubledescent.validation_mse",
        "expected": {"200": {"0": 1.0, "1": 0.5}, "500": {"0": 15000.0, "1": 0.6}},
        "rtol": 1e-13,
        "condition": "doubledescent.condition_number",
    }
    numbers = {"condition_number": {"200": 4.0, "500": 14000.0}}

    def row(mse):
        return reference.check_answer(answer, {"doubledescent": {**numbers, "validation_mse": mse}})

    moved_500 = {"200": {"0": 1.0, "1": 0.5}, "500": {"0": 15000.0 * (1 + 1e-10), "1": 0.6}}
    assert row(moved_500)["ok"] == "yes" and row(moved_500)["difference"].endswith("e-10 relative")
    too_far = {"200": {"0": 1.0, "1": 0.5}, "500": {"0": 15000.0 * (1 + 2e-9), "1": 0.6}}
    assert row(too_far)["ok"] == "no"
    moved_200 = {"200": {"0": 1.0 + 1e-10, "1": 0.5}, "500": {"0": 15000.0, "1": 0.6}}
    assert row(moved_200)["ok"] == "no"  # the same relative move is too much where X is well conditioned
    assert "x condition number relative" in row(moved_200)["expected"]


def test_relative_tolerance_without_a_condition_number():
    answer = {"answer": "iterations", "path": "stability.iterations", "expected": 30000, "rtol": 1e-3}
    assert reference.check_answer(answer, {"stability": {"iterations": 30029}})["ok"] == "yes"
    assert reference.check_answer(answer, {"stability": {"iterations": 30031}})["ok"] == "no"
    assert reference.check_answer(answer, {"stability": {"iterations": math.nan}})["ok"] == "no"


def test_every_reference_tolerance_has_a_note():
    for entry in reference.read_reference(cli.REFERENCE)["sets"].values():
        for answer in entry["answers"]:
            assert answer.get("note"), answer["answer"]
