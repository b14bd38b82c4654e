# Data stage: the DAG starts here. One rule per problem: copy and verify the course
# files when course_data holds the complete set, else write a synthetic stand-in.


include: "helpers/data.smk"


for problem, stage in DATA_STAGES.items():

    rule:
        name:
            f"data_{problem}"
        input:
            stage["inputs"],
        output:
            files=data_paths(problem),
            provenance=f"data/{problem}/provenance.json",
        params:
            problem=problem,
            source=stage["source"],
            missing=stage["missing"],
            course_data_set=stage["course_data_set"],
            synthetic=stage["synthetic"],
            code=data_code("prepare_data.py", problem),
        log:
            f"logs/data/{problem}.log",
        benchmark:
            f"benchmarks/data/{problem}.tsv"
        script:
            "../scripts/prepare_data.py"


rule provenance:
    input:
        **{problem: f"data/{problem}/provenance.json" for problem in PROBLEMS},
    output:
        "results/provenance.json",
    params:
        git=git_state(ROOT),
        config=config,
        code=code_version("write_provenance.py"),
    log:
        "logs/provenance.log",
    benchmark:
        "benchmarks/provenance.tsv"
    script:
        "../scripts/write_provenance.py"
