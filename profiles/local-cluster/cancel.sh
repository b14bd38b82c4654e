#!/usr/bin/env bash
# Cancel jobs started by submit.sh (Snakemake calls this on Ctrl-C): kill each job's
# process group. Usage (by the cluster-generic executor): cancel.sh JOBID...
spool=${LOCAL_CLUSTER_SPOOL:-$PWD/.snakemake/local-cluster}
for id in "$@"; do
  if [ -f "$spool/$id/pid" ] && [ ! -f "$spool/$id/exitcode" ]; then
    kill -TERM -- "-$(cat "$spool/$id/pid")" 2>/dev/null || true
  fi
done
