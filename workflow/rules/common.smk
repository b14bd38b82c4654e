# Helpers of the workflow: paths, data-source decisions, code versions, targets.
from pathlib import Path

from cs229ps2.codehash import code_digest
from cs229ps2.datastage import PROBLEMS, data_files, missing_course_files
from cs229ps2.provenance import git_state

ROOT = Path(workflow.basedir)
PACKAGE_DIR = ROOT / "cs229ps2"
SCRIPTS_DIR = ROOT / "workflow" / "scripts"


def code_version(script):
    """Digest of the package code a script uses: a param, so code edits rerun its jobs."""
    return code_digest(SCRIPTS_DIR / script, PACKAGE_DIR)


def data_paths(problem):
    """The problem's data files under data/, as the data stage writes them."""
    return [f"data/{problem}/{name}" for name in data_files(problem, config["train_sizes"])]


def course_missing(problem):
    """Files of the problem absent from course_data (all of them when it is unset)."""
    return missing_course_files(config["course_data"], problem, config["train_sizes"])


def data_source(problem):
    """'course' when course_data holds the problem's complete file set, else 'synthetic'."""
    return "synthetic" if course_missing(problem) else "course"


def course_inputs(problem):
    """The course files the data stage copies (none when the problem is synthetic)."""
    if data_source(problem) == "synthetic":
        return []
    folder = Path(config["course_data"]) / problem
    return [str(folder / name) for name in data_files(problem, config["train_sizes"])]


def synthetic_settings(problem):
    """The generator settings, only where they are used (a course copy ignores them)."""
    if data_source(problem) == "course":
        return {}
    return config["synthetic"][problem]


def provenance_inputs():
    return {problem: f"data/{problem}/provenance.json" for problem in PROBLEMS}


def final_targets():
    """Everything `snakemake` builds by default."""
    return [
        "results/provenance.json",
        *stability_targets(),
        *spam_targets(),
        *perceptron_targets(),
        *doubledescent_targets(),
        *simple_nn_targets(),
        *batchnorm_targets(),
    ]
