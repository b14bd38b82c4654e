# Report: the problems' summaries and the provenance merged into results/summary.json, then
# one self-contained page, results/report.html, rendered from workflow/report/report.html.jinja.


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


rule report_html:
    input:
        summary="results/summary.json",
        template=f"{REPORT_DIR}/report.html.jinja",
        stylesheet=f"{REPORT_DIR}/report.css",
        figures=[figure["path"] for figure in report_figures()],
        captions=[figure["caption"] for figure in report_figures()],
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
