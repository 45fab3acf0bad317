#!/bin/bash
# Runs the load benchmark on several revisions of the app in turn, round after round, so that
# what the machine was doing weighs on each alike. Each revision is extracted once into a
# directory of its own under BENCH_TREES (kept between runs), with this checkout's node_modules
# (hard-linked) and a Prisma client generated from its own schema, and built there on its first
# run.
#
# usage: compare-revisions.sh ROUNDS NAME=REV[:VAR=VALUE,...] ... [-- bench options]
#   e.g. compare-revisions.sh 2 before=main after=HEAD off=HEAD:LOAD_TRACING=off -- \
#          --databases embedded --duration 10
# Prints the directory that holds each run's output and summary.log, every run's table.
set -euo pipefail
root=$(git rev-parse --show-toplevel)
rounds=$1
shift
variants=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  variants+=("$1")
  shift
done
[ "${1:-}" = "--" ] && shift
out=$(mktemp -d "${TMPDIR:-/tmp}/bench-compare-XXXXXX")
trees=${BENCH_TREES:-${TMPDIR:-/tmp}/bench-trees}
tree() { echo "$trees/$(git -C "$root" rev-parse --short "$1")"; }

for variant in "${variants[@]}"; do
  spec=${variant#*=}
  rev=${spec%%:*}
  dir=$(tree "$rev")
  [ -f "$dir/.extracted" ] && continue
  rm -rf "$dir"
  mkdir -p "$dir"
  git -C "$root" archive "$rev" | tar -x -C "$dir"
  # Hard links: a copy that costs no space, whose workspace links point into the tree.
  cp -al "$root/node_modules" "$dir/node_modules"
  # The revision's own schema: another revision's client would ask for columns it lacks.
  (cd "$dir" && npx tsx prisma/generate.ts >/dev/null)
  touch "$dir/.extracted"
done

for round in $(seq "$rounds"); do
  for variant in "${variants[@]}"; do
    name=${variant%%=*}
    spec=${variant#*=}
    rev=${spec%%:*}
    vars=""
    [[ "$spec" == *:* ]] && vars=${spec#*:}
    dir=$(tree "$rev")
    script=packages/bench/src/load/run-bench.ts
    [ -f "$dir/lib/load/run-bench.ts" ] && script=lib/load/run-bench.ts
    log="$out/$name-$round.log"
    echo "== round $round: $name ($spec)" | tee -a "$out/summary.log"
    # shellcheck disable=SC2086 # the variables are NAME=VALUE words on purpose
    (cd "$dir" && env ${vars//,/ } npx tsx "$script" "$@") >"$log" 2>&1 ||
      echo "exit $? (see $log)" | tee -a "$out/summary.log"
    sed -n '/^database /,/^$/p' "$log" >>"$out/summary.log"
  done
done
echo "$out"
