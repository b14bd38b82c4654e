# Problem 6: batch-norm forward/backward, every gradient checked against finite differences.


rule batchnorm_gradcheck:
    output:
        table=report_output("results/batchnorm/gradcheck.csv"),
        details="results/batchnorm/gradcheck_details.csv",
        result="results/batchnorm/gradcheck.json",
    params:
        seed=config["batchnorm"]["seed"],
        shapes=config["batchnorm"]["shapes"],
        trials=config["batchnorm"]["trials"],
        eps=config["batchnorm"]["eps"],
        tolerance=config["batchnorm"]["tolerance"],
        code=code_version("batchnorm_gradcheck.py"),
    log:
        "logs/batchnorm/batchnorm_gradcheck.log",
    benchmark:
        "benchmarks/batchnorm/batchnorm_gradcheck.tsv"
    script:
        "../scripts/batchnorm_gradcheck.py"


rule batchnorm_summary:
    input:
        "results/batchnorm/gradcheck.json",
    output:
        "results/batchnorm/summary.json",
    params:
        code=code_version("batchnorm_summary.py"),
    log:
        "logs/batchnorm/batchnorm_summary.log",
    benchmark:
        "benchmarks/batchnorm/batchnorm_summary.tsv"
    script:
        "../scripts/batchnorm_summary.py"
