"""The check of a run against reference/answers.yaml: the small run matches its reference set,
and a deliberate change to one answer (the Laplace constant of naive Bayes) fails the check and
the `cs229ps2 check` command with a line naming that answer."""

from __future__ import annotations

from conftest import edit, run_module, run_snakemake

from cs229ps2.pipeline.files import read_json, read_rows
from cs229ps2.pipeline.reference import failures, read_reference


def command(workdir, *args):
    return run_module(workdir, "cs229ps2.cli", *args)


def test_the_small_run_matches_its_reference_answers(small_run):
    rows = read_rows(small_run / "results" / "check.csv")
    assert rows[0]["ok"] == "yes" and rows[0]["got"] == "test"
    assert len(rows) > 30 and not failures(rows)
    done = command(small_run, "check", "--require")
    assert done.returncode == 0 and f"{len(rows) - 1} of {len(rows) - 1} answers match" in done.stdout


def test_a_changed_laplace_constant_fails_the_check_naming_the_answer(small_run, run_copy):
    edit(run_copy / "cs229ps2/problems/spam/spam.py", "for c in (0, 1)]) + 1.0", "for c in (0, 1)]) + 2.0")
    run_snakemake(run_copy)
    failed = [row["answer"] for row in failures(read_rows(run_copy / "results" / "check.csv"))]
    assert "2(c) log ratio of the top token" in failed
    assert all(answer.startswith("2") for answer in failed)  # nothing outside problem 2 moved
    done = command(run_copy, "check")
    assert done.returncode == 1
    assert "FAILED 2(c) log ratio of the top token: expected" in done.stdout
    page = (run_copy / "results" / "report.html").read_text(encoding="utf-8")
    assert (
        "headline numbers differ from the reference: " in page and "2(c) log ratio of the top token" in page
    )
    diff = command(run_copy, "diff", str(small_run / "results"), "results")
    assert "2(c) log ratio of the top token" in diff.stdout and "2(a) vocabulary size" not in diff.stdout


def test_the_answers_the_summaries_declare_are_the_reference_sets(small_run):
    """Each problem's summary declares its answers and their tolerances; gathered on the small run
    they are the entries of its reference set, and every set's entry of the same path has the
    same label and tolerance (values aside: the check compares those; 1(c)'s rows follow the
    config)."""
    from tools.reference import REFERENCE, answers

    def rules(entries):
        return {e["path"]: {k: v for k, v in e.items() if k != "expected"} for e in entries}

    declared = rules(answers(read_json(small_run / "results" / "summary.json")))
    sets = read_reference(REFERENCE)["sets"]
    assert rules(sets["test"]["answers"]) == declared
    for name, entries in sets.items():
        shared = {path: rule for path, rule in rules(entries["answers"]).items() if path in declared}
        assert len(shared) > 30 and all(rule == declared[path] for path, rule in shared.items()), name
