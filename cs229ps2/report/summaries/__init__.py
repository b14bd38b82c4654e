"""One summary per problem: its headline numbers and its answers.

Each module has ``numbers(...)`` (the problem's results, already read, reduced to what
the report quotes) and ``summarize(...)``, which adds the answers as sentences and tables
derived from those numbers (:mod:`cs229ps2.report.text`), so the text stays true when the
data change. The summary rule of each problem writes ``summarize``'s result to
``results/<problem>/summary.json``; the report only merges them.
"""

from __future__ import annotations
