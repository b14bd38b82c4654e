"""results/report.html: the answers in order, figures embedded as data URIs, provenance on top."""

from pathlib import Path

from cs229ps2.pipeline.files import read_json, read_rows, read_text
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.report.page import data_uri, render
from cs229ps2.report.text import caption_text

log = start_log(snakemake.log[0])
inp = snakemake.input
figures = [
    {**label, "caption": caption_text(read_text(caption)), "src": data_uri(Path(path).read_bytes())}
    for label, path, caption in zip(snakemake.params.figures, inp.figures, inp.captions)
]
page = render(read_json(inp.summary), figures, read_rows(inp.check), Path(inp.template))
Path(snakemake.output[0]).write_text(page, encoding="utf-8", newline="\n")
log.info("%d figures, %d bytes", len(figures), len(page.encode("utf-8")))
