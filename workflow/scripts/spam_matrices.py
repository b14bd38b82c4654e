"""2(a): read the spam TSVs, build the dictionary and the word-count matrices."""

from cs229ps2.pipeline.files import read_spam, write_count_sample, write_json, write_npz
from cs229ps2.pipeline.runlog import start_log
from cs229ps2.problems.spam import spam

log = start_log(snakemake.log[0])
params = snakemake.params
data = {split: read_spam(snakemake.input[split], params.reader) for split in ("train", "val", "test")}
for split, (messages, _) in data.items():
    log.info("%s: %d messages (%s reader)", split, len(messages), params.reader)
dictionary = spam.create_dictionary(data["train"][0], params.min_messages)
log.info("vocabulary: %d words in at least %d training messages", len(dictionary), params.min_messages)
write_json(snakemake.output.dictionary, dictionary)
for split, (messages, labels) in data.items():
    counts = spam.transform_text(messages, dictionary)
    settings = {"reader": params.reader, "min_messages": params.min_messages}  # for the records after
    write_npz(snakemake.output[split], counts=counts, labels=labels, **settings)
    if split == "train":
        write_count_sample(snakemake.output.sample, counts, dictionary, params.sample_rows)
