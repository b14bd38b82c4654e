# Checking submissions: each graded part (2a ... 5c, and its "-private" row on held-out synthetic
# sets) is one job per submission. A row's inputs (what the course's driver passes to the
# student's functions) and the answer key's outputs are made once and shared by every
# submission; each job runs the student's file in a confined child process that receives only
# those inputs, and judges what it returns. Runs only when config submission or submissions is set.


include: "helpers/grading.smk"


rule grading_private_data:
    input:
        secrets=[SECRETS] if SECRETS else [],
    output:
        **{problem: private_paths(problem) for problem in PRIVATE_SETS},
    params:
        sets=PRIVATE_SETS,
        code=data_code("grading_private_data.py", *PRIVATE_SETS),
    log:
        f"logs/grading/private_data_{PRIVATE_SET}.log",
    benchmark:
        f"benchmarks/grading/private_data_{PRIVATE_SET}.tsv"
    script:
        "../scripts/grading_private_data.py"


use rule spam_embeddings_shard as grading_private_embeddings_shard with:
    input:
        **{split: f"{PRIVATE_DATA}/spam/spam_{split}.tsv" for split in SPAM_SPLITS},
        **rules.spam_embeddings_export.output,
    output:
        f"{PRIVATE_RESULTS}/embeddings/shards/{{shard}}.npz",
    log:
        f"logs/grading/private_embeddings_shard/{PRIVATE_SET}/{{shard}}.log",
    benchmark:
        f"benchmarks/grading/private_embeddings_shard/{PRIVATE_SET}/{{shard}}.tsv"


use rule spam_embeddings as grading_private_embeddings with:
    input:
        **{split: f"{PRIVATE_DATA}/spam/spam_{split}.tsv" for split in SPAM_SPLITS},
        shards=expand(
            f"{PRIVATE_RESULTS}/embeddings/shards/{{shard}}.npz",
            shard=range(config["spam"]["embeddings"]["shards"]),
        ),
    output:
        **private_embeddings(),
    log:
        f"logs/grading/private_embeddings_{PRIVATE_SET}.log",
    benchmark:
        f"benchmarks/grading/private_embeddings_{PRIVATE_SET}.tsv"


rule grading_inputs:
    wildcard_constraints:
        row="|".join(SHEET_ROWS),
    input:
        unpack(row_data),
    output:
        directory("results/grading/inputs/{row}"),
    params:
        row="{row}",
        settings=row_settings,
        code=grading_code("grading_inputs.py", child=False),
    log:
        "logs/grading/inputs/{row}.log",
    benchmark:
        "benchmarks/grading/inputs/{row}.tsv"
    script:
        "../scripts/grading_inputs.py"


rule grading_expected:
    wildcard_constraints:
        row="|".join(SHEET_ROWS),
    input:
        "results/grading/inputs/{row}",
    output:
        "results/grading/expected/{row}.npz",
    params:
        row="{row}",
        course=course_settings,
        limits=GRADING_LIMITS,
        code=grading_code("grading_expected.py", answer_key=True),
    log:
        "logs/grading/expected/{row}.log",
    benchmark:
        "benchmarks/grading/expected/{row}.tsv"
    script:
        "../scripts/grading_expected.py"


# One job per submission and file of the course's src/, grading that file's rows one after the
# other in one confined child: an edit of spam.py reruns that student's spam rows.
for folder, folder_rows in rows_by_folder().items():
    first = split_row(folder_rows[0])[0]

    rule:
        name:
            f"grade_{folder}"
        wildcard_constraints:
            grading=r"submission|submissions/[^/]+",
        input:
            inputs=[f"results/grading/inputs/{row}" for row in folder_rows],
            expected=[f"results/grading/expected/{row}.npz" for row in folder_rows],
            submitted=submitted_files(folder),
        output:
            [f"results/{{grading}}/parts/{row}.json" for row in folder_rows],
        params:
            rows=folder_rows,
            submission=lambda wildcards: gradings()[wildcards.grading],
            course=course_constants(first.problem),
            limits=GRADING_LIMITS,
            tolerances=GRADING["tolerances"],
            isolation=ISOLATION,
            private_set=PRIVATE_SET,
            code=part_code("grade_file.py", first),
        resources:
            mem_mb=GRADING["memory_limit_mb"] + 512,
        log:
            f"logs/{{grading}}/grade/{folder}.log",
        benchmark:
            f"benchmarks/{{grading}}/grade/{folder}.tsv"
        script:
            "../scripts/grade_file.py"


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
        class_parts(),
    output:
        csv="results/submissions/grades.csv",
        gradebook="results/submissions/gradebook.csv",
    params:
        students=list(students()),
        rows=SHEET_ROWS,
        code=code_version("grade_class.py"),
    log:
        "logs/submissions/grade_class.log",
    benchmark:
        "benchmarks/submissions/grade_class.tsv"
    script:
        "../scripts/grade_class.py"


rule gradescope_results:
    wildcard_constraints:
        grading=r"submission|submissions/[^/]+",
    input:
        expand("results/{{grading}}/parts/{row}.json", row=SHEET_ROWS),
    output:
        "results/{grading}/results.json",
    params:
        who=grading_name,
        code=code_version("gradescope_results.py"),
    log:
        "logs/{grading}/gradescope_results.log",
    benchmark:
        "benchmarks/{grading}/gradescope_results.tsv"
    script:
        "../scripts/gradescope_results.py"


rule class_similarity:
    input:
        submitted=student_files(),
        starter=starter_files(),
    output:
        "results/submissions/similarity.csv",
    params:
        students=students(),
        files=list(SIMILARITY_FILES),
        code=code_version("class_similarity.py"),
    log:
        "logs/submissions/class_similarity.log",
    benchmark:
        "benchmarks/submissions/class_similarity.tsv"
    script:
        "../scripts/class_similarity.py"


rule class_page:
    input:
        parts=class_parts(),
        similarity="results/submissions/similarity.csv",
        template=local(f"{REPORT_DIR}/class.html.jinja"),
        stylesheet=local(f"{REPORT_DIR}/report.css"),
    output:
        html="results/submissions/report.html",
        histogram="results/submissions/scores.png",
    params:
        students=list(students()),
        rows=SHEET_ROWS,
        code=code_version("class_page.py"),
    log:
        "logs/submissions/class_page.log",
    benchmark:
        "benchmarks/submissions/class_page.tsv"
    script:
        "../scripts/class_page.py"
