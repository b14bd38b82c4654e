"""The report as a person sees it: headless Chromium opens results/report.html of the small run
and loads every image (and a corrupt image would count as not loaded)."""

from __future__ import annotations

from conftest import browser_check, needs_chromium

from cs229ps2.pipeline.files import read_json, read_rows
from cs229ps2.pipeline.workspace import REPO
from cs229ps2.report import page

pytestmark = needs_chromium


def test_browser_loads_every_image_of_the_real_page(small_run, tmp_path):
    html = (small_run / "results" / "report.html").read_text(encoding="utf-8")
    seen = browser_check(html, tmp_path)
    assert seen["images"] == html.count("<img ") == 19
    assert seen["loaded"] == seen["images"]
    assert seen["sections"] == ["1", "2", "3", "4", "5", "6"]


def test_a_corrupt_image_counts_as_not_loaded(small_run, tmp_path):
    results = small_run / "results"
    good = page.data_uri((results / "doubledescent" / "doubledescent.png").read_bytes())
    bad = page.data_uri(b"\x89PNG\r\n\x1a\n not really a png")
    figures = [
        {"section": "1(b)", "title": "good", "caption": "", "src": good},
        {"section": "1(c)", "title": "bad", "caption": "", "src": bad},
    ]
    summary, check = read_json(results / "summary.json"), read_rows(results / "check.csv")
    html = page.render(summary, figures, check, REPO / "workflow" / "report" / "report.html.jinja")
    seen = browser_check(html, tmp_path)
    assert seen == {"images": 2, "loaded": 1, "sections": ["1", "2", "3", "4", "5", "6"]}
