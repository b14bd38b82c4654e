# Report: every headline number in results/summary.json, then one self-contained page,
# results/report.html, answering the problem set in order (figures embedded).


rule report_summary:
    input:
        **report_summary_inputs(),
    output:
        report_output("results/summary.json"),
    params:
        datasets=STABILITY_DATASETS,
        kernels=config["perceptron"]["kernels"],
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
        figures=[figure["path"] for figure in report_figures()],
        captions=[figure["caption"] for figure in report_figures()],
    output:
        "results/report.html",
    params:
        figures=report_figure_labels(),
        code=code_version("report_html.py"),
    log:
        "logs/report/report_html.log",
    benchmark:
        "benchmarks/report/report_html.tsv"
    script:
        "../scripts/report_html.py"
