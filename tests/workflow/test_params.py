"""Exact params: every rule receives only the settings its script reads, every setting a result
depends on reaches it, and a config or code edit reruns exactly the jobs it affects."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pytest
import yaml
from conftest import edit, planned_jobs, run_config, run_snakemake, write_run_config

from cs229ps2.pipeline.workspace import REPO, copy_workflow
from cs229ps2.problems.stability import data as stability_data
from cs229ps2.problems.stability import modifications
from cs229ps2.problems.stability import training as stability

NOT_READ = {"code"}  # the code digest: a param only so that code edits rerun the job


def job_params(workdir: Path) -> dict[str, dict]:
    """Rule name -> {script, params, output, input} over all its jobs of the full DAG.

    params: name -> the values its jobs get; output: (path, pattern) pairs; input: paths.

    Built in-process with Snakemake's API (the DAG's jobs carry their evaluated params).
    """
    from snakemake.api import SnakemakeApi
    from snakemake.settings.types import (
        ConfigSettings,
        DAGSettings,
        OutputSettings,
        ResourceSettings,
        StorageSettings,
    )

    with SnakemakeApi(OutputSettings(quiet={"all"})) as api:
        workflow_api = api.workflow(
            resource_settings=ResourceSettings(cores=1),
            config_settings=ConfigSettings(),
            storage_settings=StorageSettings(),
            snakefile=workdir / "Snakefile",
            workdir=workdir,
        )
        dag_api = workflow_api.dag(dag_settings=DAGSettings(forceall=True))
        workflow = dag_api.workflow_api._workflow
        workflow.dag_settings = dag_api.dag_settings
        workflow._prepare_dag(forceall=True, ignore_incomplete=True, lock_warn_only=True, nolock=True)
        workflow._build_dag()
        found = {}
        for job in workflow.dag.jobs:
            rule = found.setdefault(
                job.rule.name, {"script": job.rule.script, "params": {}, "output": [], "input": []}
            )
            for name, value in job.params.items():
                rule["params"].setdefault(name, []).append(value)
            patterns = [
                re.sub(r"\{(\w+),[^}]*\}", r"{\1}", str(p)) for p in job.rule.output
            ]  # no constraints
            rule["output"] += zip(map(str, job.output), patterns)
            rule["input"] += map(str, job.input)
        return found


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> dict[str, dict]:
    return job_params(copy_workflow(tmp_path_factory.mktemp("params") / "wf"))


def names_read(script: Path) -> tuple[set[str], dict[str, set[str]]]:
    """What a script reads: attribute names (params.x, p.x), and per attribute the constant keys it
    is indexed with, directly (p.x["k"]) or through a name bound to it (mod = p.x; mod["k"])."""
    tree = ast.parse(script.read_text(encoding="utf-8"))
    attributes = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    aliases = {
        target.id: node.value.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    keys: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            owner = node.value
            name = owner.attr if isinstance(owner, ast.Attribute) else aliases.get(getattr(owner, "id", None))
            if name:
                keys.setdefault(name, set()).add(node.slice.value)
    return attributes, keys


def unread_params(script: Path, params: dict) -> list[str]:
    """Params (and keys of dict params) a script never reads. A dict the script indexes must have
    every key read; a dict it passes on whole (to a library function) counts as read."""
    attributes, keys_read = names_read(script)
    unread = [name for name in params if name not in NOT_READ and name not in attributes]
    for name, values in params.items():
        keys = {key for value in values if isinstance(value, dict) for key in value}
        if name in keys_read:
            unread += [f"{name}[{key!r}]" for key in sorted(keys - keys_read[name])]
    return unread


def test_every_param_a_rule_passes_is_read_by_its_script(rules):
    assert len(rules) >= 30 and "stability_modification" in rules
    unread = {
        rule: unread_params(REPO / "workflow" / "rules" / spec["script"], spec["params"])
        for rule, spec in rules.items()
        if spec["script"]
    }
    assert not {rule: names for rule, names in unread.items() if names}, "params no script reads"


def test_every_output_is_read_by_a_later_job_or_listed_in_the_docs(rules):
    """An output no later job reads is a deliverable: README.md or a page of docs/ names it."""
    read = {path for spec in rules.values() for path in spec["input"]}
    pages = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    docs = "\n".join(page.read_text(encoding="utf-8") for page in pages)
    unlisted = [
        pattern
        for spec in rules.values()
        for path, pattern in spec["output"]
        if path not in read and f"`{Path(pattern).name}`" not in docs
    ]
    assert not unlisted, f"outputs nothing reads and neither README.md nor docs/*.md lists: {unlisted}"


def test_the_check_finds_unread_params_and_dict_keys(tmp_path):
    script = tmp_path / "s.py"
    script.write_text("p = snakemake.params\nx = p.used + p.training['max_iter']\nf(**p.whole)\n")
    params = {
        "used": [1],
        "training": [{"max_iter": 1, "learning_rate": 0.1}],
        "whole": [{"a": 1}],
        "gone": [2],
    }
    assert unread_params(script, params) == ["gone", "training['learning_rate']"]


@pytest.mark.parametrize("script", sorted((REPO / "workflow" / "scripts").glob("*.py")), ids=lambda p: p.name)
def test_scripts_read_no_config_behind_params(script):
    """A value read from snakemake.config is not tracked for reruns: it must come through params."""
    tree = ast.parse(script.read_text(encoding="utf-8"))
    reads = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute) and n.attr == "config" and getattr(n.value, "id", None) == "snakemake"
    ]
    assert not reads, f"{script.name} reads snakemake.config"


def modified_run(kind: str, value: float, base_rate: float) -> np.ndarray:
    x, y = stability_data.generate(101, 60)["ds1_b"]
    problem = modifications.apply_modification(x, y, kind, value, seed=11, learning_rate=base_rate)
    mx, my = problem.pop("x"), problem.pop("y")
    return stability.train(mx, my, 2000, **problem)["theta"]


@pytest.mark.parametrize(("kind", "value"), [("scale", 10.0), ("l2", 0.1), ("xnoise", 0.1), ("ynoise", 0.1)])
def test_the_base_learning_rate_reaches_the_modifications_that_use_it(kind, value):
    assert not np.array_equal(modified_run(kind, value, 0.1), modified_run(kind, value, 0.05))


@pytest.mark.parametrize(("kind", "value"), [("lr", 1.0), ("decay", 0.1)])
def test_modifications_that_set_their_own_rate_ignore_the_base_rate(kind, value):
    np.testing.assert_array_equal(modified_run(kind, value, 0.1), modified_run(kind, value, None))


def test_a_learning_rate_edit_reruns_the_runs_that_use_it_and_changes_a_1c_result(run_copy):
    assert planned_jobs(run_copy) == {}
    mods = run_config(run_copy)["stability"]["modifications"]
    uses_base = sum(len(mods[k]) for k in ("scales", "l2", "input_noise", "label_flips", "label_noise"))
    config = run_config(run_copy)
    config["stability"]["learning_rate"] = 0.05
    write_run_config(run_copy, config)
    planned = planned_jobs(run_copy)
    assert planned.pop("stability_modification") == uses_base
    assert planned.pop("stability_train") == 2
    assert set(planned) <= {
        "stability_evidence",
        "stability_svm",
        "stability_modifications",
        "stability_summary",
        "provenance",
        "report_summary",
        "check_answers",
        "report_html",
        "all",
    }
    result = "results/stability/modifications/l2-0.1.json"
    before = yaml.safe_load((run_copy / result).read_text())["theta"]
    run_snakemake(run_copy, result)
    assert yaml.safe_load((run_copy / result).read_text())["theta"] != before


def test_a_ridge_edit_reruns_only_double_descent_and_the_report(run_copy):
    edit(
        run_copy / "cs229ps2/problems/doubledescent/doubledescent.py",
        "    return 1.0 / (2.0 * eta**2)",
        "    return 0.5 / eta**2",
    )
    planned = planned_jobs(run_copy)
    assert planned.pop("doubledescent_fit") == len(run_config(run_copy)["train_sizes"])
    assert set(planned) == {
        "doubledescent_plots",
        "doubledescent_summary",
        "report_summary",
        "check_answers",
        "report_html",
        "all",
    }
