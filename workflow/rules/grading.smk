# Checking submissions: each graded part (2a ... 5c, and its "-private" row on held-out synthetic
# sets) is one job per submission, running the student's file in a sandboxed process through
# the course's driver steps and comparing with the answer key's outputs, which are computed
# once per row and shared by every submission. Runs only when config submission or
# submissions is set.


include: "helpers/grading.smk"


rule grading_private_data:
    output:
        **{problem: private_paths(problem) for problem in PRIVATE_SETS},
    params:
        sets=PRIVATE_SETS,
        code=code_version("grading_private_data.py"),
    log:
        "logs/grading/private_data.log",
    benchmark:
        "benchmarks/grading/private_data.tsv"
    script:
        "../scripts/grading_private_data.py"


use rule spam_embeddings_shard as grading_private_embeddings_shard with:
    input:
        **{split: f"data/private/spam/spam_{split}.tsv" for split in SPAM_SPLITS},
        **rules.spam_embeddings_export.output,
    output:
        "results/grading/private/embeddings/shards/{shard}.npz",
    log:
        "logs/grading/private_embeddings_shard/{shard}.log",
    benchmark:
        "benchmarks/grading/private_embeddings_shard/{shard}.tsv"


use rule spam_embeddings as grading_private_embeddings with:
    input:
        **{split: f"data/private/spam/spam_{split}.tsv" for split in SPAM_SPLITS},
        shards=expand(
            "results/grading/private/embeddings/shards/{shard}.npz",
            shard=range(config["spam"]["embeddings"]["shards"]),
        ),
    output:
        **private_embeddings(),
    log:
        "logs/grading/private_embeddings.log",
    benchmark:
        "benchmarks/grading/private_embeddings.tsv"


rule grading_expected:
    wildcard_constraints:
        row="|".join(SHEET_ROWS),
    input:
        unpack(row_inputs),
    output:
        values="results/grading/expected/{row}.json",
        arrays="results/grading/expected/{row}.npz",
    params:
        row="{row}",
        request=grading_request,
        limits=GRADING_LIMITS,
        code=grading_code("grading_expected.py", answer_key=True),
    log:
        "logs/grading/expected/{row}.log",
    benchmark:
        "benchmarks/grading/expected/{row}.tsv"
    script:
        "../scripts/grading_expected.py"


rule grade_part:
    wildcard_constraints:
        grading=r"submission|submissions/[^/]+",
        row="|".join(SHEET_ROWS),
    input:
        unpack(row_inputs),
        submitted=submitted_file,
        expected_values="results/grading/expected/{row}.json",
        expected_arrays="results/grading/expected/{row}.npz",
    output:
        "results/{grading}/parts/{row}.json",
    params:
        row="{row}",
        submission=lambda wildcards: gradings()[wildcards.grading],
        request=grading_request,
        limits=GRADING_LIMITS,
        tolerances=GRADING["tolerances"],
        code=grading_code("grade_part.py"),
    resources:
        mem_mb=GRADING["memory_limit_mb"] + 512,
    log:
        "logs/{grading}/parts/{row}.log",
    benchmark:
        "benchmarks/{grading}/parts/{row}.tsv"
    script:
        "../scripts/grade_part.py"


rule grade_sheet:
    wildcard_constraints:
        grading=r"submission|submissions/[^/]+",
    input:
        parts=expand("results/{{grading}}/parts/{row}.json", row=SHEET_ROWS),
        template=local(f"{REPORT_DIR}/submission.html.jinja"),
        stylesheet=local(f"{REPORT_DIR}/report.css"),
    output:
        csv="results/{grading}/grades.csv",
        html="results/{grading}/report.html",
    params:
        who=lambda wildcards: wildcards.grading.removeprefix("submissions/"),
        code=code_version("grade_sheet.py"),
    log:
        "logs/{grading}/grade_sheet.log",
    benchmark:
        "benchmarks/{grading}/grade_sheet.tsv"
    script:
        "../scripts/grade_sheet.py"


rule grade_class:
    input:
        [f"results/submissions/{name}/parts/{row}.json" for name in students() for row in SHEET_ROWS],
    output:
        "results/submissions/grades.csv",
    params:
        students=list(students()),
        rows=len(SHEET_ROWS),
        code=code_version("grade_class.py"),
    log:
        "logs/submissions/grade_class.log",
    benchmark:
        "benchmarks/submissions/grade_class.tsv"
    script:
        "../scripts/grade_class.py"
