#!/usr/bin/env bash
# Starts a real Apache Spark standalone cluster on this machine, on 127.0.0.1 only, for development and
# tests: a master, ASSAY_SPARK_WORKERS workers (default 2, one core each) as separate JVMs, and a Spark
# Connect server running on the cluster; waits until the workers have registered and the Connect server
# listens.
#
#   server/spark/start.sh [connect-port]        (default 15002; then ASSAY_SPARK_REMOTE=sc://127.0.0.1:15002)
#
# Spark comes from Maven Central through the Maven wrapper: server/spark/pom.xml copies the Connect
# server and its dependencies into target/spark/jars (ASSAY_SPARK_HOME names another layout). Ports:
# ASSAY_SPARK_MASTER_PORT (default 7077); the web UIs take free ports. A token is required by the
# Connect server (the client sends it in the clear to localhost only): ASSAY_SPARK_TOKEN, or generated, and written with the remote to
# target/spark/spark.env (mode 600), which stop.sh and Assay's own scripts read. Heaps are small
# (the master and workers 256 MB, each executor ASSAY_SPARK_EXECUTOR_MEMORY, default 512m, the Connect
# server's driver ASSAY_SPARK_DRIVER_MEMORY, default 768m): a shared 2-core machine runs it beside the rest.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
connect_port=${1:-${ASSAY_SPARK_CONNECT_PORT:-15002}}
master_port=${ASSAY_SPARK_MASTER_PORT:-7077}
workers=${ASSAY_SPARK_WORKERS:-2}
work=${ASSAY_SPARK_WORK:-$root/target/spark}
home=${ASSAY_SPARK_HOME:-$root/target/spark}
executor_memory=${ASSAY_SPARK_EXECUTOR_MEMORY:-512m}
driver_memory=${ASSAY_SPARK_DRIVER_MEMORY:-768m}
mkdir -p "$work"

running() {
  [ -f "$work/spark.pids" ] || return 1
  local pid
  for pid in $(cat "$work/spark.pids"); do kill -0 "$pid" 2>/dev/null && return 0; done
  return 1
}
if running; then
  echo "Spark is already running from $work (pids $(tr '\n' ' ' < "$work/spark.pids")); stop it with server/spark/stop.sh" >&2
  exit 1
fi
for port in "$connect_port" "$master_port"; do
  if { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
    exec 3<&- 3>&-
    echo "Port $port on 127.0.0.1 is in use; choose others: server/spark/start.sh <connect-port>, ASSAY_SPARK_MASTER_PORT" >&2
    exit 1
  fi
done

if [ ! -f "$home/RELEASE" ] || [ -z "$(ls "$home"/jars/spark-connect_*.jar 2>/dev/null)" ]; then
  echo "Fetching Spark from Maven Central into $home"
  "$root/mvnw" -q -B -ntp -f "$here/pom.xml" package -Dspark.home="$home"
fi

# The JVM options Spark's own launcher adds on Java 17+ (org.apache.spark.launcher.JavaModuleOptions, 4.2.0):
# Spark reaches into java.nio and sun.nio for its memory management and Arrow; without them it fails at start.
java_opts=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Dio.netty.tryReflectionSetAccessible=true -Djava.net.preferIPv4Stack=true)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
classpath="$home/jars/*"
# The workers launch executors from SPARK_HOME's jars (the RELEASE file marks it as a distribution).
# SPARK_SCALA_VERSION spares the launcher looking for a source build's directories.
export SPARK_HOME=$home SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS=$work/local SPARK_LOG_DIR=$work
unset SPARK_CONF_DIR

token=${ASSAY_SPARK_TOKEN:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}
remote="sc://localhost:$connect_port"
umask 077
cat > "$work/spark.env" <<ENV
export ASSAY_SPARK_REMOTE=$remote
export ASSAY_SPARK_TOKEN=$token
ENV
umask 022
: > "$work/spark.pids"
rm -f "$work"/master.log "$work"/worker-*.log "$work"/connect.log
mkdir -p "$work/local"

start() { # name, heap, main class and arguments
  local name=$1 heap=$2
  shift 2
  nohup "$java" -Xmx"$heap" "${java_opts[@]}" -cp "$classpath" "$@" > "$work/$name.log" 2>&1 &
  echo $! >> "$work/spark.pids"
}
fail() {
  echo "$1; see $work/$2.log" >&2
  tail -n 30 "$work/$2.log" >&2
  "$here/stop.sh" >/dev/null || true
  exit 1
}
wait_for() { # log name, text, seconds
  local pid
  pid=$(sed -n "$4p" "$work/spark.pids")
  for _ in $(seq 1 $(($3 * 2))); do
    grep -q "$2" "$work/$1.log" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || fail "Spark's $1 exited" "$1"
    sleep 0.5
  done
  fail "Spark's $1 was not ready within $3 s" "$1"
}

master="spark://127.0.0.1:$master_port"
echo "Starting Spark: master $master, $workers workers, Connect server on $remote (logs: $work)"
start master 256m org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" --webui-port 0
wait_for master "Starting Spark master at" 120 1
for i in $(seq 1 "$workers"); do
  mkdir -p "$work/worker-$i"
  start "worker-$i" 256m org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --webui-port 0 --cores 1 \
    --memory "$executor_memory" --work-dir "$work/worker-$i" "$master"
done
for i in $(seq 1 "$workers"); do
  wait_for "worker-$i" "Successfully registered with master" 120 $((i + 1))
done
# The Connect server is the cluster's driver: SparkSubmit in client mode, this JVM's heap the driver's.
# Its token comes from the environment, never the command line (which every local user can read).
SPARK_CONNECT_AUTHENTICATE_TOKEN=$token start connect "$driver_memory" org.apache.spark.deploy.SparkSubmit \
  --master "$master" --name "Spark Connect (Assay)" --class org.apache.spark.sql.connect.service.SparkConnectServer \
  --conf spark.connect.grpc.binding.address=127.0.0.1 --conf spark.connect.grpc.binding.port="$connect_port" \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 --conf spark.ui.enabled=false \
  --conf spark.executor.memory="$executor_memory" --conf spark.executor.cores=1 \
  --conf spark.cores.max="$workers" --conf spark.sql.shuffle.partitions=4 \
  --conf spark.driver.extraJavaOptions="-Djava.net.preferIPv4Stack=true" \
  spark-internal
wait_for connect "Spark Connect server started" 180 $((workers + 2))
echo "Spark is ready: ASSAY_SPARK_REMOTE=$remote (token in $work/spark.env)"
