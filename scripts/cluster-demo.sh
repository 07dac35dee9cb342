#!/usr/bin/env bash
# Three local service processes on one PostgreSQL, a load through node A, kill -9 of node B mid-load, and the recovery:
# prints what it saw. Starts its own PostgreSQL (Debian's packages; scripts/test.sh installs them) on a free port and
# stops it again, unless PG is set to an Npgsql connection string. Usage: scripts/cluster-demo.sh [SESSIONS] [EVENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
SESSIONS=${1:-6}
EVENTS=${2:-150}
WORK=$(mktemp -d /tmp/cc-cluster-demo.XXXXXX)
INGEST=demo-ingest
QUERY=demo-query
pids=()
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  if [ -n "${PG_STARTED:-}" ]; then as_pg "$pg_bin/pg_ctl" -D "$WORK/pg" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "${PG:-}" ]; then
  [ -n "$pg_bin" ] || { echo "cluster-demo: PostgreSQL is not installed (apt-get install postgresql, or set PG)" >&2; exit 2; }
  pg_port=$(free_port)
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$WORK"
  as_pg "$pg_bin/initdb" -D "$WORK/pg" -U postgres --auth=trust --no-sync -E UTF8 >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$WORK/pg" -w -l "$WORK/pg.log" -o "-p $pg_port -k $WORK -c listen_addresses=127.0.0.1" start >/dev/null
  PG_STARTED=1
  PG="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  echo "PostgreSQL on 127.0.0.1:$pg_port (data in $WORK/pg)"
fi

dotnet build src/Host -c Release -v q -nologo >/dev/null
HOST_DLL=src/Host/bin/Release/net10.0/ConsoleContext.Host.dll
ports=($(free_port) $(free_port) $(free_port))
http=($(free_port) $(free_port) $(free_port))
seed="akka.tcp://console-context@127.0.0.1:${ports[0]}"
names=(A B C)
for i in 0 1 2; do
  mkdir -p "$WORK/node$i"
  dotnet "$HOST_DLL" --urls="http://127.0.0.1:${http[$i]}" --Storage:DataDirectory="$WORK/node$i" \
    --Storage:Provider=PostgreSQL "--Storage:ConnectionString=$PG" \
    --Cluster:Hostname=127.0.0.1 --Cluster:Port="${ports[$i]}" --Cluster:SeedNodes:0="$seed" \
    --Security:ApiKeys:0:Key=$INGEST --Security:ApiKeys:0:Roles:0=ingest --Security:ApiKeys:1:Key=$QUERY --Security:ApiKeys:1:Roles:0=query \
    --Limits:PermitsPerSecond=100000 --Limits:Burst=100000 >"$WORK/node$i.log" 2>&1 &
  pids+=($!)
done
url() { echo "http://127.0.0.1:${http[$1]}"; }
started=$(date +%s.%N)
for i in 0 1 2; do
  until curl -sf "$(url $i)/health/ready" >/dev/null; do sleep 0.2; done
done
printf 'three nodes Up and ready in %.1f s: A %s, B %s, C %s (remoting ports %s)\n' "$(echo "$(date +%s.%N) - $started" | bc)" "$(url 0)" "$(url 1)" "$(url 2)" "${ports[*]}"

event() { # session n
  local s=$1 n=$2 tab="ctab$(( $2 % 5 ))" call="$1-call-$(( $2 / 12 ))" body
  case $(( n % 12 )) in
    1|7) body="\"type\":\"tabCreated\",\"tabId\":\"$tab\",\"recordId\":\"003$(printf %07d "$n")\",\"objectType\":\"Contact\"" ;;
    2|8) body="\"type\":\"tabFocused\",\"currentTabId\":\"$tab\"" ;;
    3) body="\"type\":\"clickToDial\",\"number\":\"+1 415 555 $(printf %04d $(( n % 10000 )))\"" ;;
    4) body="\"type\":\"callStarted\",\"callId\":\"$call\",\"callType\":\"outbound\",\"phoneNumber\":\"415555$(printf %04d $(( n % 10000 )))\"" ;;
    5) body="\"type\":\"callConnected\",\"callId\":\"$call\"" ;;
    6|9) body="\"type\":\"navigationChanged\",\"url\":\"/r/$n\",\"recordId\":\"500$(printf %07d "$n")\",\"objectType\":\"Case\"" ;;
    10) body="\"type\":\"tabClosed\",\"tabId\":\"$tab\"" ;;
    11) body="\"type\":\"callEnded\",\"callId\":\"$call\"" ;;
    *) body="\"type\":\"agentStatusChanged\",\"status\":\"s$n\"" ;;
  esac
  echo "{\"eventId\":\"$s-$n\",\"sessionId\":\"$s\",\"seq\":$n,$body}"
}
load() { # session: posts through A until EVENTS or the first answer that is not 200
  local s=$1 n code
  for n in $(seq 1 "$EVENTS"); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -m 30 -X POST "$(url 0)/v1/events" -H "Authorization: Bearer $INGEST" \
      -H 'Content-Type: application/json' --data-binary "$(event "$s" "$n")") || code=000
    [ "$code" = 200 ] || { echo "$s-$n $code" >>"$WORK/refused"; return 0; }
    echo "$s-$n" >>"$WORK/acknowledged"
  done
}
: >"$WORK/acknowledged"; : >"$WORK/refused"
loaders=()
for s in $(seq 1 "$SESSIONS"); do load "demo-agent-$s" & loaders+=($!); done
until [ "$(wc -l <"$WORK/acknowledged")" -ge $(( SESSIONS * EVENTS / 3 )) ]; do sleep 0.1; done
disown "${pids[1]}"; kill -9 "${pids[1]}"
killed=$(date +%s.%N)
echo "kill -9 of node B after $(wc -l <"$WORK/acknowledged") acknowledged events; the load goes on through A"
wait "${loaders[@]}"
for s in $(seq 1 "$SESSIONS"); do
  until curl -sf "$(url 2)/v1/sessions/demo-agent-$s" -H "Authorization: Bearer $QUERY" >/dev/null; do sleep 0.25; done
done
printf 'every session answers on C %.1f s after the kill\n' "$(echo "$(date +%s.%N) - $killed" | bc)"
for s in $(seq 1 "$SESSIONS"); do curl -sf "$(url 2)/v1/sessions/demo-agent-$s/tape" -H "Authorization: Bearer $QUERY"; done >"$WORK/tapes.jsonl"
acked=$(wc -l <"$WORK/acknowledged")
lost=$(grep -o '"eventId":"[^"]*"' "$WORK/tapes.jsonl" | sed 's/"eventId":"\(.*\)"/\1/' | sort -u | comm -23 <(sort -u "$WORK/acknowledged") - | wc -l)
calls=$(grep -o '"callId":"[^"]*"' "$WORK/tapes.jsonl" | sort -u | sed 's/"callId":"\(.*\)"/\1/')
missing=0
for c in $calls; do curl -sf "$(url 0)/v1/calls/$c" -H "Authorization: Bearer $QUERY" >/dev/null || missing=$((missing + 1)); done
echo "acknowledged $acked events, refused or unanswered $(wc -l <"$WORK/refused") (sessions on B while it was down), journaled $(wc -l <"$WORK/tapes.jsonl")"
echo "lost acknowledged events: $lost; calls not found on A: $missing of $(echo "$calls" | wc -w)"
[ "$lost" -eq 0 ] && [ "$missing" -eq 0 ]
