"""results/report.html: the answers in order, figures embedded as data URIs, provenance on top."""

from pathlib import Path

from cs229ps2 import report
from cs229ps2.io import read_json, read_text
from cs229ps2.runlog import start_log

log = start_log(snakemake.log[0])
inp = snakemake.input
figures = [
    {
        **label,
        "caption": report.caption_text(read_text(caption)),
        "src": report.data_uri(Path(path).read_bytes()),
    }
    for label, path, caption in zip(snakemake.params.figures, inp.figures, inp.captions)
]
page = report.render_html(read_json(inp.summary), figures)
Path(snakemake.output[0]).write_text(page, encoding="utf-8", newline="\n")
log.info("%d figures, %d bytes", len(figures), len(page.encode("utf-8")))
