# Helpers of workflow/rules/grading.smk: which submissions are graded, each row's data, settings,
# limits and code version, the isolation level and the private sets (practice or secret).

from snakemake.exceptions import WorkflowError

from cs229ps2.grading.grade import answer_key as reference_module
from cs229ps2.grading.parts import graded_rows, split_row
from cs229ps2.grading.sandbox import IsolationUnavailable, isolation_level
from cs229ps2.grading.sheet import total_line
from cs229ps2.pipeline.datastage import data_files
from cs229ps2.pipeline.files import read_json

GRADING_DIR = PACKAGE_DIR / "grading"
GRADING = config["grading"]
SHEET_ROWS = graded_rows()
SECRETS = GRADING["secrets"]
PRIVATE_SET = "secret" if SECRETS else "practice"  # which seeds made the private sets
PRIVATE_SETS = {  # by course folder: the problems with private rows
    p.course_folder: GRADING["private"][p.course_folder] for p in PROBLEMS if any(part.private for part in p.parts)
}
PRIVATE_DATA = f"data/private/{PRIVATE_SET}"
PRIVATE_RESULTS = f"results/grading/private/{PRIVATE_SET}"

if SECRETS and Path(SECRETS).resolve().is_relative_to(ROOT):
    raise WorkflowError(
        f"grading.secrets names {SECRETS}, inside the repository: keep the secret seeds in a file "
        "outside it (anything in the repository can reach students)"
    )


def students():
    """Student name -> submission folder, one per subfolder of config submissions (sorted)."""
    if not config["submissions"]:
        return {}
    folders = sorted(p for p in Path(config["submissions"]).iterdir() if p.is_dir() and not p.name.startswith("."))
    return {p.name: str(p) for p in folders}


def gradings():
    """Output folder under results/ -> submission folder: submission, submissions/<student>."""
    found = {"submission": config["submission"]} if config["submission"] else {}
    return found | {f"submissions/{name}": path for name, path in students().items()}


def decide_isolation():
    """The isolation the student code runs under, decided once before any job: class grading
    without the sandbox stops here unless the config says grading.isolation: none."""
    if not gradings():
        return "none"
    try:
        return isolation_level(GRADING["isolation"], class_grading=bool(config["submissions"]))
    except IsolationUnavailable as unavailable:
        raise WorkflowError(str(unavailable)) from None


ISOLATION = decide_isolation()


def grading_targets():
    """Grade sheets and report pages the config asks for (none when no submission is set); for a
    class also each student's Gradescope results and the class's gradebook, similarity and page."""
    targets = [f"results/{g}/{name}" for g in gradings() for name in ("grades.csv", "report.html")]
    if not config["submissions"]:
        return targets
    results = [f"results/submissions/{name}/results.json" for name in students()]
    return targets + results + [f"results/submissions/{name}" for name in CLASS_OUTPUTS]


def private_paths(problem):
    """The private set of a problem (a data-stage name), under data/private/<practice|secret>/."""
    return [f"{PRIVATE_DATA}/{problem}/{name}" for name in data_files(problem, ridge_sizes("private"))]


def ridge_sizes(dataset):
    """The training sizes of double descent's main or private data."""
    return config["train_sizes"] if dataset == "main" else PRIVATE_SETS["bayesianreg"]["train_sizes"]


def data_root(dataset):
    """Where a dataset's course folders are: data/ for the main data, else the private sets."""
    return "data" if dataset == "main" else PRIVATE_DATA


def grading_data(part, dataset):
    """The files a part's driver reads, by the driver's names, for the main or the private data."""
    return GRADED[part.problem]["data"](part, dataset)


def course_settings(wildcards):
    """Constants of the course's helper modules (the stand-ins' attributes) for a row's part."""
    return course_constants(split_row(wildcards.row)[0].problem)


def course_constants(problem):
    """Constants of the course's helper modules (the stand-ins' attributes), from the config."""
    return GRADED[problem].get("course", dict)()


def row_data(wildcards):
    """The data files of a sheet row, as named inputs."""
    return grading_data(*split_row(wildcards.row))


def row_settings(wildcards):
    """The settings the course's driver fixes for a row's part, from the config."""
    part, dataset = split_row(wildcards.row)
    return GRADED[part.problem]["settings"](dataset)


GRADING_LIMITS = {
    "seconds": GRADING["time_limit"],
    "memory_mb": GRADING["memory_limit_mb"],
    "file_mb": GRADING["file_limit_mb"],
    "disk_mb": GRADING["disk_limit_mb"],
    "output_kb": GRADING["output_limit_kb"],
    "processes": GRADING["max_processes"],
}


def grading_code(script, child=True, answer_key=False):
    """Params function: the version of the code that grades a row (see :func:`part_code`)."""
    return lambda wildcards: part_code(script, split_row(wildcards.row)[0], child, answer_key)


def part_code(script, part, child=True, answer_key=False):
    """The version of the code that grades a part (its problem's driver, with child the child's
    runtime and the course's stand-ins, with answer_key its reference module), so an edit
    reruns exactly that problem's rows."""
    files = [PACKAGE_DIR / "problems" / part.problem / "grading.py"]
    if child:
        files += sorted((GRADING_DIR / "child").glob("*.py")) + sorted((PACKAGE_DIR / "course" / part.folder).glob("*.py"))
    if answer_key:
        files.append(reference_module(part))
    return code_version_with(script, files)


def rows_by_folder():
    """Folder of the course's src/ -> the sheet rows its file is graded in, in sheet order."""
    found = {}
    for row in SHEET_ROWS:
        found.setdefault(split_row(row)[0].folder, []).append(row)
    return found


def submitted_files(folder):
    """Input function: the submission's Python files in a folder (its own helpers too), so an edit
    of any of them reruns that folder's rows; none when the folder is absent (graded missing)."""

    def files(wildcards):
        root = Path(gradings()[wildcards.grading]) / folder
        return sorted(str(p) for p in root.glob("*.py") if p.is_file()) if root.is_dir() else []

    return files


def print_grade_totals():
    """The one-line total of each graded submission, at the end of a run."""
    for grading in gradings():
        paths = [Path(f"results/{grading}/parts/{row}.json") for row in SHEET_ROWS]
        if all(path.is_file() for path in paths):
            records = [read_json(path) for path in paths]
            print(total_line(records, grading.removeprefix("submissions/")), f"(results/{grading}/grades.csv)")


from cs229ps2.grading.parts import PARTS

CLASS_OUTPUTS = ("grades.csv", "gradebook.csv", "similarity.csv", "report.html")
# the course files the similarity check compares, and the starter files it leaves out
SIMILARITY_FILES = tuple(dict.fromkeys(part.path for part in PARTS.values()))
SIMILARITY_STARTER = GRADING_DIR / "starter"


def class_parts():
    """Every student's graded rows, student by student, each in sheet order."""
    return [f"results/submissions/{name}/parts/{row}.json" for name in students() for row in SHEET_ROWS]


def grading_name(wildcards):
    """Who a grading is: "submission", or the student's name."""
    return wildcards.grading.removeprefix("submissions/")


def student_files():
    """The course files the students handed in (what the similarity check compares)."""
    found = (Path(folder) / name for folder in students().values() for name in SIMILARITY_FILES)
    return [str(path) for path in found if path.is_file()]


def starter_files():
    """The course's starter files, whose code the similarity check leaves out."""
    return [str(path) for path in sorted(SIMILARITY_STARTER.glob("*/*.py"))]

