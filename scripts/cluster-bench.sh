#!/usr/bin/env bash
# One node against three on this machine under the same load (docs/benchmarks.md, "One node against three"): each run
# gets a fresh PostgreSQL (Debian's packages) on a free port, NODES service processes (Release build) on it, a 5 s
# warm-up and a SECONDS measurement by scripts/cluster-load.cs with CLIENTS agents spread over the nodes.
# Usage: scripts/cluster-bench.sh [CLIENTS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${1:-32}
SECONDS_=${2:-20}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$pg_bin" ] || { echo "cluster-bench: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
dotnet build src/Host -c Release -v q -nologo >/dev/null
dotnet build scripts/cluster-load.cs -v q -nologo >/dev/null
HOST_DLL=src/Host/bin/Release/net10.0/ConsoleContext.Host.dll

run() { # NODES
  local nodes=$1 work pg_port pids=() urls=() ports=() i hp
  work=$(mktemp -d /tmp/cc-bench.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$work"
  pg_port=$(free_port)
  as_pg "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust --no-sync -E UTF8 >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$work/pg" -w -l "$work/pg.log" -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1" start >/dev/null
  local pg="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  for i in $(seq 0 $((nodes - 1))); do ports+=("$(free_port)"); done
  for i in $(seq 0 $((nodes - 1))); do
    hp=$(free_port); urls+=("http://127.0.0.1:$hp"); mkdir -p "$work/n$i"
    dotnet "$HOST_DLL" --urls="http://127.0.0.1:$hp" --Storage:DataDirectory="$work/n$i" --Storage:Provider=PostgreSQL "--Storage:ConnectionString=$pg" \
      --Cluster:Port="${ports[$i]}" --Cluster:SeedNodes:0="akka.tcp://console-context@127.0.0.1:${ports[0]}" \
      --Security:ApiKeys:0:Key=demo-ingest --Security:ApiKeys:0:Roles:0=ingest \
      --Limits:PermitsPerSecond=1000000 --Limits:Burst=1000000 --Logging:Format=json >"$work/n$i.log" 2>&1 &
    pids+=($!)
  done
  for u in "${urls[@]}"; do until curl -sf "$u/health/ready" >/dev/null; do sleep 0.2; done; done
  dotnet run scripts/cluster-load.cs -- 5 "$CLIENTS" "${urls[@]}" >/dev/null
  dotnet run scripts/cluster-load.cs -- "$SECONDS_" "$CLIENTS" "${urls[@]}"
  kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true
  as_pg "$pg_bin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null
  rm -rf "$work"
}
run 1
run 3
