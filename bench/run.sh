#!/usr/bin/env bash
# The benchmark: quotaflow's limiter vs. Camel's stock throttle EIP before the SEDA queue (the naive
# route), side by side, against the simulator running in its own JVM. The simulator counts every
# request at its end, so "max in window" and "429s" are what an API would see.
#
#   bench/run.sh            # builds the jar first
#   bench/run.sh --no-build
#   BENCH_PINNED=1 bench/run.sh --no-build   # stress: simulator on CPU 1, client on CPU 0 (taskset)
#   BENCH_TIMELINE=1 bench/run.sh --no-build # also prints where the time goes (bench/timeline.py)
#   BENCH_CONSUMERS=64 bench/run.sh --no-build # quotaflow.consumers for every run (default: the scenario's)
#   BENCH_JAVA_OPTS="-XX:TieredStopAtLevel=1" bench/run.sh --no-build # extra JVM options for the client
#   BENCH_JAR=/tmp/other.jar bench/run.sh --no-build # another build as the client (A/B; same simulator)
#   BENCH_SCENARIOS=2 BENCH_VARIANTS=quotaflow+server-timing bench/run.sh --no-build  # a subset (1-based)
#
# Variants: quotaflow with its defaults (a slot is stamped when its response arrives), quotaflow taking
# the simulator's "Server-Timing: app" off each response (quotaflow.api.server-timing=app), the same as
# a later job of the long-running service (+warm: not paying the JVM's cold start), and the naive
# route. Prints a Markdown table: elapsed, ideal, efficiency (ideal / elapsed), max requests in any
# window of one period at the server (per key), and 429s.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ "${1:-}" == "--no-build" ]] || mvn -B -q -DskipTests package
JAR=target/quotaflow.jar
CLIENT_JAR=${BENCH_JAR:-$JAR}
WORK=$(mktemp -d)
PORT=${BENCH_PORT:-18089}
CLIENT=
SIM=
trap 'kill $SIM $CLIENT 2>/dev/null || true; rm -rf "$WORK"' EXIT

# Pinned, each JVM gets one core: a cold start then waits longer at both ends, the case that showed
# the old round-trip estimate placing stamps too early.
SIM_CPU="" CLIENT_CPU=""
TIMELINE=()
CLIENT_JVM=(${BENCH_JAVA_OPTS:-})
[[ -n "${BENCH_TIMELINE:-}" ]] && TIMELINE=(-Dquotaflow.timeline=DEBUG)
if [[ -n "${BENCH_PINNED:-}" ]]; then
  SIM_CPU="taskset -c 1" CLIENT_CPU="taskset -c 0"
fi

# scenario: name tickers keys requests-per-second consumers [nonce]
# 100 requests a window, ~35 ms answers: with 16 consumers the 100th request of a window leaves 6 answers
# (~210 ms) after the first, which alone caps the second scenario near 0.988; 50 send it in two.
# The third is seed 003's case: every request carries a nonce that must rise per key as the server
# receives them (the simulator answers 409 to one that does not).
SCENARIOS=(
  "500 tickers, 1 key x 22/1s|500|1|22|16"
  "2000 tickers, 5 keys x 20/1s|2000|5|20|50"
  "2000 tickers, 5 keys x 20/1s, nonce|2000|5|20|50|nonce"
)

tickers() { python3 -c "
import itertools, string
n=$1; out=[]
for length in (3, 4):
    for t in itertools.product(string.ascii_uppercase, repeat=length):
        out.append(''.join(t))
        if len(out) == n: break
    if len(out) == n: break
print('\n'.join(out))"; }

stat() { python3 -c "import json,sys; d=json.load(open('$1')); print($2)"; }

echo "| scenario | variant | elapsed s | ideal s | efficiency | max in any 1 s window (per key) | limit | 429s | nonce errors |"
echo "|---|---|---|---|---|---|---|---|---|"
VARIANTS=(${BENCH_VARIANTS:-quotaflow quotaflow+server-timing quotaflow+server-timing+warm naive})

# The +warm variant is the service (run-once=false) as it runs on a schedule: a job every 30 s (the
# first at once), never two at once. A job of 19-23 s that started on the schedule ends 7-11 s before
# the next; with a job every 5 s the gap was the same fraction of a second every time, and 8 jobs could
# pass with none 1.5 s after the one before. Its row is the first job after the first that started at least 1.5 s (a period and some)
# after the job before it ended: a job that starts sooner rightly waits for the slots of the previous
# job's last window, so its first window would be that job's, not its own. That job runs on a warm JVM
# (the first job's code compiled); max-in-window and 429s cover every job up to it.
warm_job() {
  $CLIENT_CPU java "${CLIENT_JVM[@]}" "${TIMELINE[@]}" -Dquotaflow.run-once=false -Dquotaflow.console.enabled=false \
       -Dquotaflow.schedule="0/30 * * * * ?" "${CLIENT_ARGS[@]}" -jar "$CLIENT_JAR" > "$WORK/$variant.log" 2>&1 &
  CLIENT=$!
  local summaries=() checked=1
  S=""
  while [[ -z $S ]]; do
    kill -0 "$CLIENT" 2>/dev/null || { echo "service stopped, see log:"; tail -20 "$WORK/$variant.log"; exit 1; }
    (( ${#summaries[@]} < 8 )) || { echo "no job among ${#summaries[@]} started 1.5 s after the one before"; exit 1; }
    sleep 0.2
    mapfile -t summaries < <(ls "$OUT"/runs/*/summary.json 2>/dev/null | sort)
    while [[ -z $S ]] && (( checked < ${#summaries[@]} )); do
      python3 -c "import json,sys; from datetime import datetime as t
before, job = (json.load(open(f)) for f in sys.argv[1:])
gap = (t.fromisoformat(job['startedAt'].replace('Z', '+00:00')) - t.fromisoformat(before['finishedAt'].replace('Z', '+00:00'))).total_seconds()
sys.exit(0 if gap >= 1.5 else 1)" "${summaries[$((checked - 1))]}" "${summaries[$checked]}" && S=${summaries[$checked]}
      checked=$((checked + 1))
    done
  done
  curl -sf "http://127.0.0.1:$PORT/_sim/stats" > "$WORK/stats.json"
  kill "$CLIENT"; wait "$CLIENT" 2>/dev/null || true
}
for index in ${BENCH_SCENARIOS:-$(seq ${#SCENARIOS[@]})}; do
  IFS='|' read -r name n keys rate consumers nonce <<<"${SCENARIOS[$((index - 1))]}"
  consumers=${BENCH_CONSUMERS:-$consumers}
  NONCE_PARAM=""
  [[ -n $nonce ]] && NONCE_PARAM='&nonce={nonce}'
  name="$name, $consumers consumers"
  tickers "$n" > "$WORK/tickers.txt"
  KEYS=$(seq -s, -f "bench-key-%g" 1 "$keys")
  # a simulator left running on the port would answer just as well, with its own limit and keys
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
    echo "something already answers on port $PORT (a simulator left running?); BENCH_PORT picks another port"; exit 1
  fi
  $SIM_CPU java "${TIMELINE[@]}" -cp "$JAR" io.quotaflow.simulator.SimulatorMain --port "$PORT" --requests "$rate" --period 1s \
       --keys "$KEYS" --unknown-rate 0 --latency 30ms-40ms --jitter 2ms ${nonce:+--nonce} > "$WORK/sim.log" 2>&1 &
  SIM=$!
  for i in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/_sim/stats" >/dev/null && break; sleep 0.2; done
  for variant in "${VARIANTS[@]}"; do
    curl -sf -X POST "http://127.0.0.1:$PORT/_sim/reset" >/dev/null
    SIM_FROM=$(($(wc -l < "$WORK/sim.log") + 1))
    OUT="$WORK/out-$variant"
    rm -rf "$OUT"
    EXTRA=()
    [[ $variant == naive ]] && EXTRA=(-Dquotaflow.routes-dir=bench/naive-routes -Dquotaflow.rate.enforce=false -Dbench.period-millis=1000)
    [[ $variant == quotaflow+server-timing* ]] && EXTRA=(-Dquotaflow.api.server-timing=app)
    CLIENT_ARGS=(-Dquotaflow.tickers="$WORK/tickers.txt"
         -Dquotaflow.api.url="http://127.0.0.1:$PORT/quote?symbol={ticker}&apikey={apiKey}$NONCE_PARAM"
         -Dquotaflow.api.keys="$KEYS" -Dquotaflow.rate.requests="$rate" -Dquotaflow.rate.period=1s
         -Dquotaflow.consumers="$consumers" -Dquotaflow.output-dir="$OUT" "${EXTRA[@]}")
    if [[ $variant == *+warm ]]; then
      warm_job
    else
      $CLIENT_CPU java "${CLIENT_JVM[@]}" "${TIMELINE[@]}" -Dquotaflow.run-once=true "${CLIENT_ARGS[@]}" -jar "$CLIENT_JAR" > "$WORK/$variant.log" 2>&1 \
        || { echo "run failed, see log:"; tail -20 "$WORK/$variant.log"; exit 1; }
      curl -sf "http://127.0.0.1:$PORT/_sim/stats" > "$WORK/stats.json"
      S="$OUT/summary.json"
    fi
    # an efficiency is only worth printing for a job that fetched its whole list: a job that lost half its tickers
    # "finishes" in half the time
    # (the naive route is the baseline that breaks: in nonce mode its retries run out on 409s, so its row says how
    # many tickers it got instead)
    WHOLE=$(stat "$S" "'yes' if d['succeeded'] == d['total'] else '%d of %d tickers ok, status %s' % (d['succeeded'], d['total'], d['status'])")
    OK_NOTE=""
    if [[ $WHOLE != yes && $variant == naive ]]; then
      OK_NOTE=" ($(stat "$S" "'%d of %d ok' % (d['succeeded'], d['total'])"))"
    elif [[ $WHOLE != yes ]]; then
      echo "| $name | $variant | not a whole run: $WHOLE; the client's log:"; grep -E "WARN|ERROR" "$WORK/$variant.log" | head -5; exit 1
    fi
    NONCE_ERRORS=-
    [[ -n $nonce ]] && NONCE_ERRORS=$(stat "$WORK/stats.json" "d['nonceErrors']")
    echo "| $name | $variant | $(stat "$S" "d['elapsedSeconds']") | $(stat "$S" "d['idealSeconds']") | $(stat "$S" "d['efficiency']")$OK_NOTE | $(stat "$WORK/stats.json" "d['maxInAnyWindow']") | $rate | $(stat "$WORK/stats.json" "d['rejected']") | $NONCE_ERRORS |"
    if [[ -n "${BENCH_TIMELINE:-}" && $variant != naive && $variant != *+warm ]]; then
      tail -n +"$SIM_FROM" "$WORK/sim.log" > "$WORK/sim-part.log"
      python3 bench/timeline.py "$WORK/$variant.log" "$WORK/sim-part.log" "$rate" 1000 | sed 's/^/    /' >&2
    fi
  done
  kill $SIM; wait $SIM 2>/dev/null || true
done
