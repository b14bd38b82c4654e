"""The checklist of docs/architecture.md ("Adding a problem"), followed once: a toy problem gets
one folder, one entry in the registry and its rules file, and the pipeline picks it up."""

from conftest import planned_jobs, run_snakemake

from cs229ps2.pipeline.files import read_json
from cs229ps2.pipeline.workspace import copy_workflow

RECORD = '''"""Problem 7: a toy, the mean of a few numbers."""

from cs229ps2.problems.record import Problem

PROBLEM = Problem(key="toy", number="7", title="Toy")
'''
ALGORITHM = '''"""The toy's algorithm."""


def mean(values):
    return sum(values) / len(values)
'''
SUMMARY = '''"""Problem 7's summary."""

from cs229ps2.report.text import part, section

TITLE = "A toy"


def summarize(result: dict) -> dict:
    sentences = [f"The mean is {result['mean']:g}."]
    return {"numbers": result, "section": section("7", TITLE, [part("7", "The mean", sentences, [])])}
'''
RULES = """# Problem 7: a toy.


rule toy_mean:
    output:
        "results/toy/mean.json",
    params:
        values=[1, 2, 6],
        code=code_version("toy_mean.py"),
    log:
        "logs/toy/toy_mean.log",
    benchmark:
        "benchmarks/toy/toy_mean.tsv"
    script:
        "../scripts/toy_mean.py"


rule toy_summary:
    input:
        "results/toy/mean.json",
    output:
        "results/toy/summary.json",
    params:
        code=code_version("toy_summary.py"),
    log:
        "logs/toy/toy_summary.log",
    benchmark:
        "benchmarks/toy/toy_summary.tsv"
    script:
        "../scripts/toy_summary.py"
"""
SCRIPTS = {
    "toy_mean.py": """from cs229ps2.pipeline.files import write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.toy.toy import mean

start_log(snakemake.log[0])
write_json(snakemake.output[0], {"mean": mean(snakemake.params.values)})
""",
    "toy_summary.py": """from cs229ps2.pipeline.files import read_json, write_json
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.toy import summary

start_log(snakemake.log[0])
write_json(snakemake.output[0], summary.summarize(read_json(snakemake.input[0])))
""",
}


def add_toy_problem(workdir):
    """The checklist: the folder (record, algorithm, summary), the registry entry, the rules file."""
    folder = workdir / "cs229ps2/problems/toy"
    folder.mkdir()
    (folder / "__init__.py").write_text(RECORD)
    (folder / "toy.py").write_text(ALGORITHM)
    (folder / "summary.py").write_text(SUMMARY)
    registry = workdir / "cs229ps2/problems/registry.py"
    text = registry.read_text()
    text = text.replace("simple_nn, spam, stability\n", "simple_nn, spam, stability, toy\n", 1)
    text = text.replace("simple_nn, batchnorm)", "simple_nn, batchnorm, toy)", 1)
    registry.write_text(text)
    (workdir / "workflow/rules/toy.smk").write_text(RULES)
    for name, script in SCRIPTS.items():
        (workdir / "workflow/scripts" / name).write_text(script)


def test_a_toy_problem_added_by_the_checklist_joins_the_pipeline(tmp_path):
    workdir = copy_workflow(tmp_path / "wf")
    before = planned_jobs(workdir, "results/summary.json")
    add_toy_problem(workdir)
    after = planned_jobs(workdir, "results/summary.json")
    assert "toy_summary" not in before
    assert {rule: n for rule, n in after.items() if rule not in before} == {"toy_mean": 1, "toy_summary": 1}
    run_snakemake(workdir, "results/toy/summary.json")
    summary = read_json(workdir / "results/toy/summary.json")
    assert summary["numbers"] == {"mean": 3.0}
    assert "The mean is 3." in str(summary["section"])
    from_page = run_snakemake(workdir, "-n", "--forceall", "results/report.html").stdout
    assert "results/toy/summary.json" in from_page  # the page merges the toy's summary
