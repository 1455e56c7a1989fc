#!/usr/bin/env bash
# slaw-spark in Spark's local mode from the Spark jars Maven resolved (no Spark installation):
#   SPARK_MASTER='local[2]' bench/spark-local.sh VERB DATA [slaw options]   (VERB: bootstrap, fit, validate, sensitivity, discover)
# what `spark-submit --master local[2] --class dev.slaw.spark.SlawSpark slaw-spark.jar ...` runs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ $# -gt 0 ] || { echo "usage: bench/spark-local.sh bootstrap|fit|validate|sensitivity|discover DATA [slaw options]" >&2; exit 2; }
work=$(mktemp -d /tmp/slaw-spark-local.XXXXXX)
trap 'rm -rf "$work"' EXIT
mvn -B -o -q package dependency:build-classpath -DskipTests -pl slaw-spark -am \
  -Dmdep.includeScope=provided -Dmdep.outputFile="$work/spark.classpath" >/dev/null
# the JVM options Spark's launcher adds on Java 17 (spark.java.options in slaw-spark/pom.xml)
opens=$(sed -n 's:.*<spark.java.options>\(.*\)</spark.java.options>.*:\1:p' slaw-spark/pom.xml)
# shellcheck disable=SC2086
java $opens -Djava.io.tmpdir="$work" -Dspark.master="${SPARK_MASTER:-local[*]}" -Dspark.ui.enabled=false \
  -cp "slaw-spark/target/slaw-spark.jar:$(cat "$work/spark.classpath")" dev.slaw.spark.SlawSpark "$@"
