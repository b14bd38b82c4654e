#!/usr/bin/env bash
# Submit one Snakemake job to the "local cluster": a detached process of its own (new
# session, no shared memory with Snakemake) in a fresh working directory that holds only
# the workflow's code (Snakefile, config files, workflow/, cs229ps2/, reference/: what a cluster node
# gets from the deployed software). No data/, results/ or logs/: the job sees only the
# inputs the storage provider stages in for it, and its outputs reach the run only
# through that storage.
# Usage (by the cluster-generic executor): submit.sh JOBSCRIPT. Prints the job id.
set -euo pipefail
jobscript=$1
spool=${LOCAL_CLUSTER_SPOOL:-$PWD/.snakemake/local-cluster}
id=$(date +%s%N)-$$
job=$spool/$id
mkdir -p "$job/work"
cp "$jobscript" "$job/jobscript.sh"
cp -r Snakefile ./*.yaml .test workflow cs229ps2 reference "$job/work/"  # *.yaml: the config files of the run
cd "$job/work"
export PYTHONPATH=$PWD
setsid bash -c 'bash ../jobscript.sh > ../job.log 2>&1; echo $? > ../exitcode' < /dev/null > /dev/null 2>&1 &
echo $! > "$job/pid"  # the job's session and process group (for cancel.sh)
echo "$id"
