#!/usr/bin/env bash
# The benchmark suite's short job, the way docs/benchmarks.md measures it: builds Release, runs every benchmark
# (or those matching the arguments, BenchmarkDotNet filters such as '*Http*'), and prints the one joined table (GitHub markdown,
# ready to paste into docs/benchmarks.md) with the wall time of the whole run. The full BenchmarkDotNet log goes to
# bench-short.log; its artifacts to BenchmarkDotNet.Artifacts/.
#
#   scripts/bench.sh              # everything, in this one process: no generated project to build (2-3 minutes)
#   scripts/bench.sh '*Http*'     # one group; its ratio columns read '-' unless the references run too:
#   scripts/bench.sh '*Http*' '*Bare*'   # the group and the three references, so every ratio is filled in
#   BENCH_ISOLATED=1 scripts/bench.sh   # one process per benchmark, BenchmarkDotNet's default: better isolated, but it
#                                       # builds a generated project first (minutes on a busy 2-core box)
set -euo pipefail
cd "$(dirname "$0")/.."
filters=("${@:-*}")
log="$PWD/bench-short.log"
artifacts="$PWD/BenchmarkDotNet.Artifacts"
rm -rf "$artifacts/results"

echo "building (Release)..." >&2
dotnet build -c Release bench/ConsoleContext.Benchmarks -v quiet -nologo >/dev/null

echo "running the short job (filter ${filters[*]}); log: $log" >&2
toolchain=(--inProcess)
[[ -n "${BENCH_ISOLATED:-}" ]] && toolchain=()
started=$(date +%s)
status=0
dotnet run -c Release --no-build --project bench/ConsoleContext.Benchmarks -- \
  --filter "${filters[@]}" --job short --buildTimeout 900 --artifacts "$artifacts" "${toolchain[@]}" >"$log" 2>&1 || status=$?
elapsed=$(( $(date +%s) - started ))

report=$(ls -t "$artifacts"/results/*-report-github.md 2>/dev/null | head -1 || true)
if [[ -z "$report" ]] || grep -q -e '^// Build Error' -e 'BenchmarkDotNet has failed' "$log"; then
  echo "no joined report was written (exit $status); the end of $log:" >&2
  tail -40 "$log" >&2
  exit 1
fi

echo "## Short job, $(date -u +%Y-%m-%d' '%H:%M' UTC'), $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
build=$(grep -o 'command took [0-9.]* sec' "$log" | awk '{ s += $3 } END { printf "%d", s }' || true)
echo "Whole run: $((elapsed / 60)) min $((elapsed % 60)) s, of which BenchmarkDotNet's restore and build of its generated project ${build:-0} s (exit code $status)."
echo
# The environment block, then the table without its setup columns.
sed -n '/^```/,/^```/p' "$report"
echo
grep '^|' "$report" | sed -e 's/\*\*//g' -e 's/| ? /| - /g'
echo
echo "One operation is one event (one request for BareKestrelSingles and SingleEventsAtHalfPeak, one row for"
echo "BareSqliteRows, one new session for ColdSessions). Columns:"
grep -E '^ +(Mean|Op/s|vs engine|vs Kestrel|vs SQLite|measured|Completed Work Items|Lock Contentions|Allocated) +:' "$log" | sed 's/^ */- /' || true
exit "$status"
