#!/usr/bin/env bash
# Builds the solution in Release and runs every benchmark of scheduler-bench, then the fire benchmark as a peer
# beside Quartz.NET (RAM and SQLite) through ../shared/peers-bench/run.sh, in the same invocation.
# Results: a folder with each benchmark's output (table + JSON line) and the peers' summary.
#
# Knobs (environment), defaults chosen so the whole thing takes about 15 minutes on a 2-core machine:
#   OUT=/tmp/scheduler-bench-<UTC stamp>     where the outputs go
#   PEERS_BENCH=<repo>/../shared/peers-bench the peers' harness (also tried: <repo>/../../shared/peers-bench)
#   PEERS="scheduler quartz-ram quartz-sqlite"  NS="1000 10000"  REPS=1  DURATION=30  W2=0   (passed to run.sh;
#        PROTOCOL.md's full matrix is REPS=2 NS="100 1000 10000" DURATION=60 W2=1, about 35 minutes with us)
#   SKIP="validate page spawn idle peers"    names to leave out
#   VALIDATE_ARGS, PAGE_ARGS, SPAWN_ARGS, IDLE_ARGS  extra options for each subcommand (see scheduler-bench NAME --help)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT=${OUT:-/tmp/scheduler-bench-$(date -u +%Y%m%dT%H%M%SZ)}
SKIP=${SKIP:-}
if [ -z "${PEERS_BENCH:-}" ]; then
  for candidate in "$REPO/../shared/peers-bench" "$REPO/../../shared/peers-bench"; do
    if [ -x "$candidate/run.sh" ]; then PEERS_BENCH=$(cd "$candidate" && pwd); break; fi
  done
fi
BENCH="$REPO/tests/Scheduler.Benchmarks/bin/Release/net10.0/scheduler-bench.dll"
mkdir -p "$OUT"
skipped() { [[ " $SKIP " == *" $1 "* ]]; }

echo "== build (Release)"
dotnet build "$REPO/Scheduler.sln" -c Release -nologo -v q
{
  echo "date_utc=$(date -u +%FT%TZ)"
  echo "commit=$(git -C "$REPO" rev-parse --short HEAD)"
  echo "host=$(uname -srm) cores=$(nproc) cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "dotnet_sdk=$(dotnet --version)"
  echo "loadavg_at_start=$(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/env.txt"

run() {  # name, then the subcommand's arguments
  local name=$1; shift
  if skipped "$name"; then return; fi
  if ! dotnet "$BENCH" --help | grep -q "^  $name "; then echo "== $name: not in this build, skipped"; return; fi
  echo "== $name (load $(cut -d' ' -f1 /proc/loadavg))"
  dotnet "$BENCH" "$name" "$@" 2> "$OUT/$name.err" | tee "$OUT/$name.txt"
}

# shellcheck disable=SC2086 # the *_ARGS are lists of options
run validate ${VALIDATE_ARGS:-}
# shellcheck disable=SC2086
run page ${PAGE_ARGS:-}
# shellcheck disable=SC2086
run spawn ${SPAWN_ARGS:-}
# shellcheck disable=SC2086
run idle ${IDLE_ARGS:-}

if ! skipped peers; then
  if [ -z "${PEERS_BENCH:-}" ]; then
    echo "== peers: ../shared/peers-bench not found; set PEERS_BENCH" >&2
    exit 1
  fi
  echo "== peers: fire beside Quartz.NET through $PEERS_BENCH/run.sh"
  PEERS=${PEERS:-"scheduler quartz-ram quartz-sqlite"} NS=${NS:-"1000 10000"} REPS=${REPS:-1} DURATION=${DURATION:-30} W2=${W2:-0} \
    OUT="$OUT/peers" PEER_CMD_scheduler="dotnet $BENCH fire" "$PEERS_BENCH/run.sh" | tee "$OUT/peers.txt"
fi
echo "== results in $OUT"
