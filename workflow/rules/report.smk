# Report: the problems' summaries and the provenance merged into results/summary.json, its
# headline numbers checked against reference/answers.yaml (results/check.csv), then one
# self-contained page, results/report.html, rendered from workflow/report/report.html.jinja.


include: "helpers/report.smk"


rule report_summary:
    input:
        provenance="results/provenance.json",
        **{name: f"results/{name}/summary.json" for name in SUMMARIES},
    output:
        report_output("results/summary.json"),
    params:
        problems=SUMMARIES,
        code=code_version("report_summary.py"),
    log:
        "logs/report/report_summary.log",
    benchmark:
        "benchmarks/report/report_summary.tsv"
    script:
        "../scripts/report_summary.py"


rule check_answers:
    input:
        summary="results/summary.json",
        reference=local(REFERENCE),  # shipped with the workflow, never in storage
        configs=[local(path) for path in reference_configs()],
    output:
        "results/check.csv",
    params:
        config=run_settings(),
        code=code_version("check_answers.py"),
    log:
        "logs/report/check_answers.log",
    benchmark:
        "benchmarks/report/check_answers.tsv"
    script:
        "../scripts/check_answers.py"


rule report_html:
    input:
        summary="results/summary.json",
        check="results/check.csv",
        template=local(f"{REPORT_DIR}/report.html.jinja"),
        stylesheet=local(f"{REPORT_DIR}/report.css"),
        figures=[figure["path"] for figure in report_figures()],
        captions=[local(figure["caption"]) for figure in report_figures()],
    output:
        "results/report.html",
    params:
        figures=[{"section": f["section"], "title": f["title"]} for f in report_figures()],
        code=code_version("report_html.py"),
    log:
        "logs/report/report_html.log",
    benchmark:
        "benchmarks/report/report_html.tsv"
    script:
        "../scripts/report_html.py"
