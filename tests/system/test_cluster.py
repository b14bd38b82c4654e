"""The workflow runs on a cluster: every job a separate process with no shared file system.

profiles/local-cluster/ drives the cluster-generic executor with a submit script that
starts each job as a detached process of its own, in a fresh folder holding only the
workflow's code; inputs and outputs move only through the fs storage provider (a local
folder acting as remote storage, ``--shared-fs-usage none``). The outputs must equal a
local run's byte for byte, and a job that reads a file it did not declare must fail.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from conftest import differences, digests, run_snakemake, test_copy

MISSING = [
    name
    for name, module in [
        ("snakemake-executor-plugin-cluster-generic", "snakemake_executor_plugin_cluster_generic"),
        ("snakemake-storage-plugin-fs", "snakemake_storage_plugin_fs"),
    ]
    if importlib.util.find_spec(module) is None
] + ([] if shutil.which("rsync") else ["rsync (used by snakemake-storage-plugin-fs)"])

pytestmark = [
    pytest.mark.skipif(bool(MISSING), reason=f"not installed: {', '.join(MISSING)}"),
    pytest.mark.xdist_group("cluster"),  # one worker builds the module's cluster set-up
]

PROFILE = "profiles/local-cluster"
# the data stage of two problems and the RBF kernel perceptron: 3 jobs, 2 at a time
TARGETS = ("data/stability/provenance.json", "results/perceptron/rbf_predictions.txt")
# a rule that reads a sibling of its declared input: fine on a shared file system only
SNEAKY_RULE = """

rule sneaky:
    input:
        "data/perceptron/train.csv",
    output:
        "results/sneaky.txt",
    shell:
        "wc -l data/perceptron/test.csv > {output}"
"""


def cluster_run(workdir: Path, *targets: str, check: bool = True):
    storage = workdir / "remote"
    return run_snakemake(
        workdir, "--profile", PROFILE, "--default-storage-prefix", str(storage), *targets, check=check
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> tuple[Path, Path, list[Path]]:
    """The same targets run locally and on the stand-in cluster (workflow copies with the sneaky rule)."""
    root = tmp_path_factory.mktemp("cluster")
    local, cluster = test_copy(root / "local"), test_copy(root / "cluster")
    for workdir in (local, cluster):
        with open(workdir / "Snakefile", "a") as snakefile:
            snakefile.write(SNEAKY_RULE)
    run_snakemake(local, *TARGETS)
    done = cluster_run(cluster, *TARGETS)
    assert "Submitted job" in done.stdout + done.stderr
    return local, cluster, sorted((cluster / ".snakemake/local-cluster").iterdir())


def test_cluster_jobs_in_separate_processes_without_shared_fs_match_a_local_run(runs):
    local, cluster, jobs = runs
    assert len(jobs) == 3 and all((job / "exitcode").read_text().strip() == "0" for job in jobs)
    for job in jobs:  # each job ran in its own folder, which held code and staged storage only
        work = sorted(p.name for p in (job / "work").iterdir())
        code = ["Snakefile", "config.yaml", "cs229ps2", "reference", "test-run.yaml", "workflow"]
        assert work == sorted([".snakemake", ".test", *code])
    assert not (cluster / "results").exists() and not (cluster / "data").exists()

    remote = cluster / "remote"
    for folder in ("data", "results"):
        expected, found = digests(local, folder), digests(remote, folder)
        assert len(expected) >= 3  # data: 2 problems x 3 files; results: the RBF model's 3 files
        diff = differences(expected, found)
        assert not diff, "the cluster run differs from the local run:\n" + "\n".join(diff)


def test_a_job_reading_an_undeclared_file_fails_on_the_cluster(runs):
    local, cluster, _ = runs
    run_snakemake(local, "results/sneaky.txt")  # a shared file system hides the mistake
    assert "data/perceptron/test.csv" in (local / "results/sneaky.txt").read_text()

    done = cluster_run(cluster, "results/sneaky.txt", check=False)
    assert done.returncode != 0
    assert "Error in rule sneaky" in done.stdout + done.stderr
    (job_log,) = [
        p for p in (cluster / ".snakemake/local-cluster").glob("*/job.log") if "rule sneaky" in p.read_text()
    ]
    assert "data/perceptron/test.csv: No such file or directory" in job_log.read_text()
    assert not (cluster / "remote/results/sneaky.txt").exists()
