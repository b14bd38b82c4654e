# Helpers of workflow/rules/data.smk: paths, sweep settings and input functions of its rules.
from cs229ps2.pipeline.datastage import PROBLEMS, data_files, missing_course_files
from cs229ps2.problems.registry import by_course_folder
from cs229ps2.pipeline.provenance import git_state


def data_paths(problem):
    """The problem's data files under data/, as the data stage writes them."""
    return [f"data/{problem}/{name}" for name in data_files(problem, config["train_sizes"])]


def data_code(script, *problems):
    """The version of a data-stage script and of the data modules of these problems (which the
    data stage loads by name, so the script's imports do not reach them)."""
    modules = [PACKAGE_DIR / "problems" / by_course_folder(p).key / "data.py" for p in problems]
    return code_version_with(script, modules)


def data_stage(problem):
    """How the data stage gets a problem's files, from one look at course_data.

    missing: the problem's files absent from course_data (all of them when it is unset);
    source: 'course' when none is missing, else 'synthetic'; inputs: the course files it
    copies (none for synthetic); synthetic: the generator settings, only where they are used;
    course_data_set: whether course_data names a folder (the synthetic record's reason).
    """
    course_data = config["course_data"]
    missing = missing_course_files(course_data, problem, config["train_sizes"])
    if missing:
        inputs, synthetic = [], config["synthetic"][problem]
    else:
        folder = Path(course_data) / problem
        inputs = [str(folder / name) for name in data_files(problem, config["train_sizes"])]
        synthetic = {}
    return {
        "missing": missing,
        "source": "synthetic" if missing else "course",
        "inputs": inputs,
        "synthetic": synthetic,
        "course_data_set": bool(course_data),
    }


DATA_STAGES = {problem: data_stage(problem) for problem in PROBLEMS}
