#!/usr/bin/env bash
# Stops the Spark cluster that server/spark/start.sh started (its Connect server, workers and master, in
# that order; the executors end with their workers).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${ASSAY_SPARK_WORK:-$(cd "$here/../.." && pwd)/target/spark}
pidfile=$work/spark.pids
[ -f "$pidfile" ] || { echo "no Spark started from $work"; exit 0; }
for pid in $(tac "$pidfile"); do
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
done
rm -f "$pidfile"
echo "Spark stopped"
