#!/usr/bin/env bash
# The ledger-svc benchmark (docs/benchmarks/ledger.md). Not part of ./mvnw verify: run it by hand on a quiet machine.
#
#   ledger-svc/ledger-bench/bench.sh
#
# It builds ledger-server and this module, makes an empty schema (apay_ledger_bench), starts ledger-server on
# 127.0.0.1:$BENCH_PORT with a throwaway mesh key, seeds $BENCH_USERS users, warms the server up, then measures, at
# $BENCH_THREADS-way concurrency, each phase with the CPU ledger-server and MariaDB spent per transfer:
#   1. raw SQL, uniform: the ledger's statements for one transfer, one transaction each, over JDBC;
#   2. ledger-svc, uniform: the lean load generator POSTing transfers between random users (the headline);
#   3. raw SQL, hot account: every transfer credits one merchant account;
#   4. ledger-svc, hot account: the lean generator, every transfer credits that merchant;
#   5. the same two ledger-svc runs with JMeter (jmeter-maven-plugin, the seed's tool), shorter, as a second run.
# Then it reconciles the books (must be clean), prints the table and the RESULT line, and stops the server.
# Needs MariaDB on 127.0.0.1:3306 (root, no password), Redis and RabbitMQ (bin/apay infra).
set -euo pipefail
cd "$(dirname "$0")/../.."

THREADS=${BENCH_THREADS:-32}
RUN_SECONDS=${BENCH_SECONDS:-60}
RAW_SECONDS=${BENCH_RAW_SECONDS:-30}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-30}
USERS=${BENCH_USERS:-100000}
PORT=${BENCH_PORT:-18103}
SCHEMA=${BENCH_SCHEMA:-apay_ledger_bench}
SERVER_OPTS=${BENCH_SERVER_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
SERVER_ARGS=${BENCH_SERVER_ARGS:-}
JMETER_SECONDS=${BENCH_JMETER_SECONDS:-30}
OUT=ledger-svc/ledger-bench/target/bench
DB_PARAMS="user=root&password=&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
DB="jdbc:mariadb://127.0.0.1:3306/$SCHEMA?$DB_PARAMS"

echo "== build"
./mvnw -B -q -DskipTests package -pl ledger-svc/ledger-server,ledger-svc/ledger-bench -am
BENCH_JAR=$(ls ledger-svc/ledger-bench/target/ledger-bench-*.jar | grep -v original | head -1)
SERVER_JAR=$(ls ledger-svc/ledger-server/target/ledger-server-*.jar | grep -v original | head -1)
rm -rf "$OUT" && mkdir -p "$OUT"
bench() { java -Xmx1g -jar "$BENCH_JAR" "$@"; }
# a throwaway mesh key: the generator signs each request with it, as a calling service does
APAY_MESH_KEY=$(head -c 32 /dev/urandom | base64)
export APAY_MESH_KEY

echo "== schema $SCHEMA and ledger-server on port $PORT ($SERVER_OPTS $SERVER_ARGS)"
bench schema "jdbc:mariadb://127.0.0.1:3306/?$DB_PARAMS" "$SCHEMA"
# shellcheck disable=SC2086
java $SERVER_OPTS -jar "$SERVER_JAR" --server.port="$PORT" --apay.db.schema="$SCHEMA" \
  --apay.redis.key-prefix=ledger-bench: --apay.mq.prefix=ledger-bench. --logging.level.root=WARN $SERVER_ARGS > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" > /dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "ledger-server died, see $OUT/server.log"; exit 1; fi
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" > /dev/null
# the server processes whose CPU each phase reports per transfer
MARIADB_PID=$(pgrep -x mariadbd || pgrep -x mysqld || true)
if [ -z "$MARIADB_PID" ] || [ "$(echo "$MARIADB_PID" | wc -l)" -ne 1 ]; then
  echo "need exactly one local mariadbd (or mysqld) process to count its CPU, found: ${MARIADB_PID:-none}"; exit 1
fi
export BENCH_SERVER_PIDS="ledger-server:$SERVER_PID mariadb:$MARIADB_PID" BENCH_CLK_TCK=$(getconf CLK_TCK)

echo "== seed $USERS users"
bench seed "$DB" "$USERS"

HALF=$((USERS / 2))
jmeter() { # mode uniformThreads hotThreads seconds
  local label="$1-$(date +%s)"
  bench ticks "$OUT/ticks-$1.before"
  ./mvnw -B -Pbench -pl ledger-svc/ledger-bench verify -Dbench.port="$PORT" -Dbench.uniformThreads="$2" \
    -Dbench.hotThreads="$3" -Dbench.duration="$4" -Dbench.fromMax=$((HALF - 1)) -Dbench.toMin="$HALF" \
    -Dbench.toMax=$((USERS - 1)) -Dbench.label="$label" > "$OUT/jmeter-$1.log" 2>&1
  bench ticks "$OUT/ticks-$1.after"
  cp ledger-svc/ledger-bench/target/jmeter/results/ledger-transfers.csv "$OUT/jmeter-$1.csv"
  bench jtl "$OUT/jmeter-$1.csv" "$OUT/jmeter-$1.properties" "$OUT/ticks-$1.before" "$OUT/ticks-$1.after"
}
machine() { echo "$1: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"; }

echo "== warm-up: ${WARMUP_SECONDS}s of uniform traffic (not measured)"
bench load "127.0.0.1:$PORT" uniform "$THREADS" "$WARMUP_SECONDS" "$USERS" "$OUT/warmup.properties"

echo "== uniform: raw SQL ${RAW_SECONDS}s, then ledger-svc ${RUN_SECONDS}s, $THREADS-way"
machine "before raw uniform"
bench raw "$DB" uniform "$THREADS" "$RAW_SECONDS" "$USERS" "$OUT/raw-uniform.properties"
machine "before ledger-svc uniform"
bench load "127.0.0.1:$PORT" uniform "$THREADS" "$RUN_SECONDS" "$USERS" "$OUT/service-uniform.properties"

echo "== hot account: raw SQL ${RAW_SECONDS}s, then ledger-svc ${RUN_SECONDS}s, $THREADS-way"
machine "before raw hot"
bench raw "$DB" hot "$THREADS" "$RAW_SECONDS" "$USERS" "$OUT/raw-hot.properties"
machine "before ledger-svc hot"
bench load "127.0.0.1:$PORT" hot "$THREADS" "$RUN_SECONDS" "$USERS" "$OUT/service-hot.properties"

if [ "$JMETER_SECONDS" -gt 0 ]; then
  echo "== second run with JMeter (the seed's tool): uniform, then hot, ${JMETER_SECONDS}s each"
  machine "before JMeter uniform"
  jmeter uniform "$THREADS" 0 "$JMETER_SECONDS"
  machine "before JMeter hot"
  jmeter hot 0 "$THREADS" "$JMETER_SECONDS"
fi
machine "after"

echo "== reconciliation of the bench books"
bench reconcile "127.0.0.1:$PORT" "$OUT/reconciliation.json"

echo "== batches (server metrics)"
curl -fs "http://127.0.0.1:$PORT/actuator/prometheus" | grep -E '^ledger_batch_(commands|duration_seconds)(_count|_sum|\{quantile)' | tee "$OUT/batches.txt" || true

bench report "$OUT"
