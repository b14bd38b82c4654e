#!/usr/bin/env bash
# Status of a job started by submit.sh: running, success or failed.
# Usage (by the cluster-generic executor): status.sh JOBID
set -euo pipefail
job=${LOCAL_CLUSTER_SPOOL:-$PWD/.snakemake/local-cluster}/$1
if [ ! -f "$job/exitcode" ]; then
  echo running
elif [ "$(cat "$job/exitcode")" = 0 ]; then
  echo success
else
  echo failed
fi
