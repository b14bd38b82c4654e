"""similarity.csv: pairs of students whose course files are unusually alike (a flag, never a grade)."""

from pathlib import Path

from cs229ps2.grading.similarity import similarity, write_similarity
from cs229ps2.pipeline.runlog import start_log

log = start_log(snakemake.log[0])
folders = {name: Path(folder) for name, folder in snakemake.params.students.items()}
rows, skipped = similarity(folders, course_files=snakemake.params.files)
write_similarity(rows, snakemake.output[0])
for skip in skipped:
    log.warning("skipped %s of %s: %s", skip["file"], skip["student"], skip["reason"])
log.info("%d students, %d pairs flagged, %d files skipped", len(folders), len(rows), len(skipped))
