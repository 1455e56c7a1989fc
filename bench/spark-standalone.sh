#!/usr/bin/env bash
# A standalone Spark cluster on this machine for slaw-spark: a master and two workers (one core
# each) on loopback, run from the Spark jars Maven resolved for slaw-spark (no Spark install),
# then `SlawSpark VERB ARGS...` submitted to it (bootstrap, fit, validate, sensitivity, discover), then the cluster stopped.
#
#   bench/spark-standalone.sh bootstrap examples/chinchilla-epoch/svg_extracted_data.csv \
#     --law chinchilla --map N="Model Size" --derive D="Training FLOP / (6*N)" --target loss \
#     --replicates 4000 --seed 0 --out /tmp/boot
#
# Needs slaw-spark's dependencies in ~/.m2 (one online `mvn -B package -DskipTests -pl slaw-spark -am`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ $# -gt 0 ] || { echo "usage: bench/spark-standalone.sh bootstrap|fit|validate|sensitivity|discover DATA [slaw options]" >&2; exit 2; }

work=$(mktemp -d /tmp/slaw-spark-cluster.XXXXXX)
pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop EXIT

# slaw-spark.jar and the classpath of Spark itself (the module's provided dependencies)
mvn -B -o -q package dependency:build-classpath -DskipTests -pl slaw-spark -am \
  -Dmdep.includeScope=provided -Dmdep.outputFile="$work/spark.classpath" >/dev/null
jar=slaw-spark/target/slaw-spark.jar
cp=$(cat "$work/spark.classpath")

# A worker starts each executor as `java -cp $SPARK_HOME/jars/*`: a home whose jars/ holds links
# to the Maven jars stands in for an unpacked Spark release.
export SPARK_HOME="$work/home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOG_DIR="$work"
mkdir -p "$SPARK_HOME/jars"
IFS=: read -r -a jars <<<"$cp"
for j in "${jars[@]}"; do ln -sf "$j" "$SPARK_HOME/jars/"; done

# what Spark's own launch scripts open on Java 17
opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
master="spark://127.0.0.1:$port"
# the workers' "Successfully registered" line is logged at INFO, which slaw-server's
# simplelogger.properties (on this classpath) turns off: a system property overrides it
info=-Dorg.slf4j.simpleLogger.defaultLogLevel=info
java "${opens[@]}" "$info" -Xmx512m -cp "$cp" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$port" --webui-port 0 >"$work/master.log" 2>&1 &
pids+=($!)
for w in 1 2; do
  java "${opens[@]}" "$info" -Xmx256m -cp "$cp" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 1 --memory 1g --webui-port 0 --work-dir "$work/worker$w" "$master" \
    >"$work/worker$w.log" 2>&1 &
  pids+=($!)
done
registered() { grep -q "Successfully registered with master" "$work/worker1.log" "$work/worker2.log" 2>/dev/null &&
  [ "$(grep -l "Successfully registered with master" "$work"/worker*.log | wc -l)" = 2 ]; }
for _ in $(seq 300); do registered && break; sleep 1; done
registered || { echo "spark-standalone: the workers did not register with $master; logs:" >&2; tail -n 20 "$work"/*.log >&2; exit 1; }
echo "spark-standalone: master $master with 2 workers" >&2

# spark-submit without the launcher script: its main class, with the same JVM options
java "${opens[@]}" -Xmx1g -cp "$cp" org.apache.spark.deploy.SparkSubmit --master "$master" \
  --conf spark.ui.enabled=false --conf spark.executor.memory=512m --conf "spark.driver.host=127.0.0.1" \
  --class dev.slaw.spark.SlawSpark "$jar" "$@"
