# Shared by every stage: code versions for code-aware reruns, and the report registry
# (workflow/report/registry.yaml) that flags outputs for `snakemake --report`.
import hashlib
import re
from pathlib import Path

from cs229ps2.pipeline.codehash import code_digest, file_digest
from cs229ps2.pipeline.files import read_yaml
from cs229ps2.problems.registry import PROBLEMS

ROOT = Path(workflow.basedir)
PACKAGE_DIR = ROOT / "cs229ps2"
SCRIPTS_DIR = ROOT / "workflow" / "scripts"
REPORT_DIR = "workflow/report"
PROBLEM_RULES = [f"workflow/rules/{problem.key}.smk" for problem in PROBLEMS]
GRADED = {}  # problem key -> what its graded parts read: data, settings, course constants (its helpers)


def code_version(script):
    """Digest of the package code a script uses: a param, so code edits rerun its jobs."""
    return code_digest(SCRIPTS_DIR / script, PACKAGE_DIR)


def code_version_with(script, modules):
    """Digest of a script's package code and of package modules loaded by name (the data stage's
    data modules, the grading's drivers), which the script's imports do not reach."""
    versions = [code_version(script), *(file_digest(m, PACKAGE_DIR) for m in modules)]
    return hashlib.sha256("".join(versions).encode()).hexdigest()[:16]


def read_registry():
    """Output path -> its entry in workflow/report/registry.yaml, in page order."""
    entries = read_yaml(ROOT / REPORT_DIR / "registry.yaml")
    return {entry["path"]: entry for entry in entries}


REPORT_REGISTRY = read_registry()


def path_wildcards(path):
    """The {wildcard} names in a path."""
    return re.findall(r"\{(\w+)\}", path)


def report_output(path):
    """An output flagged for `snakemake --report` with its registry entry (caption, category)."""
    entry = REPORT_REGISTRY[path]
    return report(
        path,
        caption=f"../report/{entry['caption']}.rst",  # relative to workflow/rules/
        category=entry["category"],
        subcategory=entry.get("subcategory"),
        labels={name: f"{{{name}}}" for name in path_wildcards(path)} or None,
    )
