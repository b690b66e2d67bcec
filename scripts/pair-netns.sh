#!/usr/bin/env bash
# The EC2 pair on one machine: the monitor and the application host in two network namespaces
# joined by a veth pair, each with the names `monitor` and `app` in its own /etc/hosts, as the
# Terraform user data writes them.
#
#   monitor (10.201.0.1): Prometheus (the repository's deploy/prometheus config) and sco-monitor.jar
#   app     (10.201.0.2): Node Exporter, a service "web" (a second Node Exporter on :9200) and sco-app.jar
#
# Then the fault: web is killed. The monitor sees up{job="web"} == 0 through Prometheus, its policy
# asks the app host to restart web, the app host restarts it (its own gate checks and audits), the
# monitor verifies it with a health check. Then sco-app is upgraded with deploy/sco/rolling-upgrade.sh
# (the app's jar sits where the user data puts it, a stand-in for systemctl restarts it in its
# namespace): a new jar must stay and answer the monitor, a broken one must be rolled back. Both
# audit chains are verified at the end. The last line is the result, for scripts:
#   PAIR RESULT ok detect_ms=<fault to alert> recover_ms=<fault to web answering again> verified_ms=<fault to verified restart>
#     upgrade_ms=<rolling upgrade to a new jar, healthy> rollback_ms=<broken jar to healthy again on the previous one>
#
# Usage: scripts/pair-netns.sh [--monitor-jar JAR] [--app-jar JAR] [--work DIR] [--timeout SECONDS]
# Needs root, `ip netns`, curl, java 17+, prometheus and prometheus-node-exporter (Debian packages).
# Exit codes: 0 recovered, 1 failed, 77 this machine cannot run it (the reason is printed).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
monitor_jar="$here/sco-examples/target/sco-monitor.jar"
app_jar="$here/sco-examples/target/sco-app.jar"
work=""
timeout_s=180

while [ $# -gt 0 ]; do
  case "$1" in
    --monitor-jar) monitor_jar="$2"; shift 2 ;;
    --app-jar) app_jar="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --timeout) timeout_s="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

skip() { echo "SKIP: $*" >&2; exit 77; }
log() { printf '%s pair: %s\n' "$(date +%H:%M:%S.%3N)" "$*" >&2; }
now_ms() { date +%s%3N; }

[ "$(id -u)" -eq 0 ] || skip "network namespaces need root"
for tool in ip curl java jar sha256sum prometheus prometheus-node-exporter; do
  command -v "$tool" >/dev/null || skip "$tool is not installed"
done
[ -f "$monitor_jar" ] || skip "no $monitor_jar (build with mvn package)"
[ -f "$app_jar" ] || skip "no $app_jar (build with mvn package)"

suffix="$$"
ns_mon="sco-mon-$suffix"
ns_app="sco-app-$suffix"
veth_mon="scm$suffix"
veth_app="sca$suffix"
mon_ip=10.201.0.1
app_ip=10.201.0.2
work="${work:-$(mktemp -d /tmp/sco-pair.XXXXXX)}"
pids=()

cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ -f "$work/app/web.pid" ]; then
    kill -KILL "$(cat "$work/app/web.pid")" 2>/dev/null || true
  fi
  stop_app
  rm -f "$work/app/sco-app.pid"
  ip netns del "$ns_mon" 2>/dev/null || true
  ip netns del "$ns_app" 2>/dev/null || true
  rm -rf "/etc/netns/$ns_mon" "/etc/netns/$ns_app"
}
# sco-app is not a child of this script (the systemctl stand-in starts it): stopped by its pid file
stop_app() {
  local pid
  [ -f "$work/app/sco-app.pid" ] || return 0
  pid="$(cat "$work/app/sco-app.pid")"
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}
trap cleanup EXIT

if ! ip netns add "$ns_mon" 2>/dev/null; then
  skip "this machine does not allow ip netns (no CAP_SYS_ADMIN or no /run/netns)"
fi
ip netns add "$ns_app"
ip link add "$veth_mon" type veth peer name "$veth_app"
ip link set "$veth_mon" netns "$ns_mon"
ip link set "$veth_app" netns "$ns_app"
ip -n "$ns_mon" addr add "$mon_ip/24" dev "$veth_mon"
ip -n "$ns_app" addr add "$app_ip/24" dev "$veth_app"
for ns in "$ns_mon" "$ns_app"; do
  ip -n "$ns" link set lo up
done
ip -n "$ns_mon" link set "$veth_mon" up
ip -n "$ns_app" link set "$veth_app" up
# `ip netns exec` mounts /etc/netns/NAME/hosts over /etc/hosts: both hosts know each other by name
for ns in "$ns_mon" "$ns_app"; do
  mkdir -p "/etc/netns/$ns"
  printf '127.0.0.1 localhost\n%s monitor\n%s app\n' "$mon_ip" "$app_ip" >"/etc/netns/$ns/hosts"
done
log "namespaces $ns_mon ($mon_ip) and $ns_app ($app_ip) joined by $veth_mon/$veth_app; work in $work"

in_mon() { ip netns exec "$ns_mon" "$@"; }
start() { # start NAME COMMAND...: in the background, logging to $work/NAME.log; `ip netns exec` execs, so $! is the server
  local name="$1"; shift
  "$@" >"$work/$name.log" 2>&1 &
  pids+=("$!")
}
token() { head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32; }

mkdir -p "$work/monitor/data" "$work/monitor/prometheus/rules" "$work/app/data"
# one token, as Terraform's pair_token: each host accepts it from the other and presents it to
# the other, and Prometheus presents it to both hosts' /metrics
pair_token="$(token)"
app_token="$pair_token"
monitor_token="$pair_token"
for f in app/accept-token monitor/app-token monitor/accept-token app/monitor-token; do
  printf '%s\n' "$pair_token" >"$work/$f"
done
printf '%s' "$pair_token" >"$work/monitor/prometheus/sco-token"
chmod 600 "$work"/*/*token "$work/monitor/prometheus/sco-token"

# Prometheus: the repository's configuration, adjusted for paths and a one-second rhythm, plus the
# app's service "web" as a job of its own
sed -e "s#/etc/prometheus/rules/\*.yml#$work/monitor/prometheus/rules/*.yml#" \
    -e "s#/etc/prometheus/sco-token#$work/monitor/prometheus/sco-token#" \
    -e 's#scrape_interval: 15s#scrape_interval: 1s#' -e 's#evaluation_interval: 15s#evaluation_interval: 1s#' \
    "$here/deploy/prometheus/prometheus.yml" >"$work/monitor/prometheus/prometheus.yml"
cat >>"$work/monitor/prometheus/prometheus.yml" <<'YAML'
  - job_name: web
    static_configs:
      - targets: ['app:9200']
        labels: {host: app}
YAML
cp "$here"/deploy/prometheus/rules/*.yml "$work/monitor/prometheus/rules/" 2>/dev/null || true

cat >"$work/monitor/rules.yml" <<YAML
groups:
  - name: pair
    rules:
      - alert: AppWebDown
        expr: up{job="web"} == 0
        labels: {severity: critical, service: web}
        annotations: {summary: 'web is down on {{ \$labels.host }}'}
policies:
  - name: restart web on the app host
    match: ['alertname="AppWebDown"']
    remediation:
      action: restart_service
      target: '{{ \$labels.host }}'
      parameters: {unit: web}
      verify: {target: '{{ \$labels.host }}', parameters: {url: 'http://app:9200/metrics'}, attempts: 20, interval: 500ms}
YAML

cat >"$work/monitor/monitor.yml" <<YAML
http: {bind: $mon_ip, port: 8080, token_file: $work/monitor/accept-token, hosts: [monitor]}
data_dir: $work/monitor/data
sample_interval: 1s
rules: $work/monitor/rules.yml
remediation: {mode: execute, cooldown: 30s}
sources:
  prometheus: {url: 'http://monitor:9090', step: 1s, queries: {up: up}}
remotes:
  app: {url: 'http://app:8080', token_file: $work/monitor/app-token}
YAML

web_argv="[$(command -v prometheus-node-exporter), --web.listen-address=$app_ip:9200, --collector.disable-defaults, --collector.loadavg]"
cat >"$work/app/app.yml" <<YAML
http: {bind: $app_ip, port: 8080, token_file: $work/app/accept-token, hosts: [app]}
data_dir: $work/app/data
remediation: {mode: execute, cooldown: 5s}
actions:
  restart_service:
    executor: process
    units:
      web: {argv: $web_argv, pid_file: $work/app/web.pid}
upstream: {url: 'http://monitor:8080', token_file: $work/app/monitor-token}
YAML

# the app host's jar where the user data installs it (a plain file), and the one thing of systemd
# that deploy/sco/rolling-upgrade.sh uses: `systemctl restart sco-app`, which here stops the app by
# its pid file and starts the jar its path points at, in the app's namespace
mkdir -p "$work/app/opt" "$work/upgrade"
cp "$app_jar" "$work/app/opt/sco-app.jar"
# the jar its manifest Class-Path names (the chat model) sits beside it, as the user data puts it in /opt/sco
model_jar="$(dirname "$app_jar")/sco-chat-model.jar"
[ -f "$model_jar" ] || { echo "PAIR RESULT failed no $model_jar beside the app jar (build with mvn package)"; exit 1; }
cp "$model_jar" "$work/app/opt/sco-chat-model.jar"
cat >"$work/app/systemctl" <<UNIT
#!/usr/bin/env bash
set -euo pipefail
[ "\$*" = "restart sco-app" ] || { echo "the pair's systemctl knows only 'restart sco-app', not: \$*" >&2; exit 1; }
if [ -f "$work/app/sco-app.pid" ]; then
  pid="\$(cat "$work/app/sco-app.pid")"
  kill -TERM "\$pid" 2>/dev/null || true
  for _ in \$(seq 1 100); do kill -0 "\$pid" 2>/dev/null || break; sleep 0.1; done
fi
ip netns exec "$ns_app" java -Xmx384m -jar "$work/app/opt/sco-app.jar" --config "$work/app/app.yml" >>"$work/sco-app.log" 2>&1 </dev/null &
echo "\$!" >"$work/app/sco-app.pid"
UNIT
chmod 700 "$work/app/systemctl"

log "starting the app host"
start node-exporter-app ip netns exec "$ns_app" prometheus-node-exporter --web.listen-address="$app_ip:9100"
# web is started as the app's process executor would start it, so a restart finds its pid file
ip netns exec "$ns_app" prometheus-node-exporter --web.listen-address="$app_ip:9200" --collector.disable-defaults \
  --collector.loadavg >"$work/web.log" 2>&1 </dev/null &
echo "$!" >"$work/app/web.pid"
"$work/app/systemctl" restart sco-app

log "starting the monitor"
start prometheus ip netns exec "$ns_mon" prometheus --config.file="$work/monitor/prometheus/prometheus.yml" \
  --storage.tsdb.path="$work/monitor/prometheus/data" --web.listen-address="$mon_ip:9090"
start sco-monitor ip netns exec "$ns_mon" java -Xmx384m -jar "$monitor_jar" --config "$work/monitor/monitor.yml"

wait_for() { # wait_for WHAT SECONDS COMMAND...
  local what="$1" limit="$2"; shift 2
  local deadline=$(( $(date +%s) + limit ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "gave up waiting for $what"
      return 1
    fi
    sleep 0.2
  done
}
mon_get() { in_mon curl -sf --max-time 5 -H "Authorization: Bearer $monitor_token" "http://monitor:8080$1"; }
app_get() { in_mon curl -sf --max-time 5 -H "Authorization: Bearer $app_token" "http://app:8080$1"; }
web_up() { in_mon curl -sf --max-time 2 -o /dev/null "http://app:9200/metrics"; }
up_series_seen() { mon_get '/series?metric=up' | grep -q '"job":"web"'; }
fail() { log "FAILED: $*"; for f in "$work"/*.log; do echo "--- $f" >&2; tail -n 25 "$f" >&2; done; echo "PAIR RESULT failed $*"; exit 1; }

wait_for "the app's API" 90 app_get /healthz || fail "sco-app did not start"
wait_for "the monitor's API" 90 mon_get /healthz || fail "sco-monitor did not start"
wait_for "web" 30 web_up || fail "web did not start"
wait_for "the monitor to see web through Prometheus" 90 up_series_seen || fail "the monitor never saw up{job=\"web\"}"
# the app answers about the deployment from the monitor's state, across the link
app_get /status | grep -q '"series_watched":[1-9]' || fail "the app's /status does not show the monitor's series"
# Prometheus on the monitor scrapes both hosts' /metrics (and the app's Node Exporter) across the link
scraped() { in_mon curl -sf --max-time 5 'http://monitor:9090/api/v1/query?query=up%7Bjob%3D~%22smartcloudops%7Cnode%22%7D%3D%3D1' \
  | grep -o '"instance":"[^"]*"' | sort -u | tr '\n' ' '; }
wait_for "Prometheus to scrape app:8080, monitor:8080 and app:9100" 60 \
  bash -c "ip netns exec $ns_mon curl -sf 'http://monitor:9090/api/v1/query?query=count(up%7Bjob%3D~%22smartcloudops%7Cnode%22%2Cinstance%3D~%22app%3A8080%7Cmonitor%3A8080%7Capp%3A9100%22%7D%3D%3D1)' | grep -q '\"3\"'" \
  || fail "Prometheus does not scrape both hosts across the link: $(scraped)"
log "Prometheus scrapes across the link: $(scraped)"
sleep 3

log "fault: killing web (pid $(cat "$work/app/web.pid"))"
fault_at="$(now_ms)"
kill -KILL "$(cat "$work/app/web.pid")"

# recovery is when web answers again; detection and the verified restart are read from the
# monitor's audit log afterwards, by the times it recorded them
recover_ms=""
deadline=$(( $(date +%s) + timeout_s ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  if web_up; then
    recover_ms=$(( $(now_ms) - fault_at )); log "web answers again after $recover_ms ms"
    break
  fi
  sleep 0.05
done
[ -n "$recover_ms" ] || fail "web did not come back within ${timeout_s}s"
first_at() { # first_at JSON-ENTRIES PATTERN: the audit time (epoch ms) of the oldest entry matching PATTERN
  local at
  # one entry a line: each line's first "at" is then its entry's time
  # shellcheck disable=SC2001
  at="$(sed 's/{"seq":/\n{"seq":/g' <<<"$1" | grep -F -e "$2" | tail -n 1 | grep -o '"at":"[^"]*"' | head -n 1 | cut -d'"' -f4)"
  [ -n "$at" ] && date -d "$at" +%s%3N
}
verified=""
wait_for "a verified restart in the monitor's audit" 60 \
  bash -c "ip netns exec $ns_mon curl -sf -H 'Authorization: Bearer $monitor_token' \
    'http://monitor:8080/audit?action=restart_service&outcome=succeeded&limit=20' | grep -q verified" \
  || fail "no verified restart in the monitor's audit"
alerts="$(mon_get '/audit?kind=alert&limit=100')"
restarts="$(mon_get '/audit?action=restart_service&outcome=succeeded&limit=20')"
detected="$(first_at "$alerts" '"subject":"AppWebDown","action":"alert","outcome":"firing"')" || fail "no AppWebDown firing in the monitor's audit"
verified="$(first_at "$restarts" 'verified')" || fail "cannot read the verified restart's time"
detect_ms=$(( detected - fault_at ))
verified_ms=$(( verified - fault_at ))
log "the monitor raised AppWebDown after $detect_ms ms and recorded the verified restart after $verified_ms ms"
app_get '/audit?action=restart_service&outcome=succeeded&limit=20' | grep -q '"subject":"app"' \
  || fail "the app host's audit has no restart of web"

# the rolling upgrade of the app host, as an operator runs it there (docs/DEPLOY.md)
upgrade() { # upgrade JAR SECONDS: deploy/sco/rolling-upgrade.sh on the app host; prints its result line
  ip netns exec "$ns_app" bash "$here/deploy/sco/rolling-upgrade.sh" --jar "$1" --unit sco-app --link "$work/app/opt/sco-app.jar" \
    --url "http://$app_ip:8080/healthz" --timeout "$2" --interval 0.5 --systemctl "$work/app/systemctl" 2>>"$work/upgrade.log"
}
cp "$app_jar" "$work/upgrade/sco-app.jar"
printf 'a new build for the rolling upgrade\n' >"$work/upgrade/upgrade-marker.txt"
(cd "$work/upgrade" && jar uf sco-app.jar upgrade-marker.txt)
(cd "$work/upgrade" && jar cf broken.jar upgrade-marker.txt) # a jar without a main class: it cannot start
log "rolling upgrade of sco-app to a new jar"
upgrade_at="$(now_ms)"
result="$(upgrade "$work/upgrade/sco-app.jar" 90)" || fail "the rolling upgrade to a new jar did not succeed: $result"
upgrade_ms=$(( $(now_ms) - upgrade_at ))
case "$result" in "UPGRADE ok "*) ;; *) fail "unexpected upgrade result: $result" ;; esac
new_release="$(readlink -f "$work/app/opt/sco-app.jar")"
[ "$(sha256sum <"$new_release" | cut -d' ' -f1)" = "$(sha256sum <"$work/upgrade/sco-app.jar" | cut -d' ' -f1)" ] \
  || fail "the app's jar path does not point at the new jar"
wait_for "the upgraded app across the link" 30 app_get /status || fail "the monitor cannot reach the upgraded app"
log "upgraded in $upgrade_ms ms; now a broken jar, which must be rolled back"
rollback_at="$(now_ms)"
code=0
# 30 s for the broken jar to answer (it never will), then as long for the previous one to answer again
result="$(upgrade "$work/upgrade/broken.jar" 30)" || code=$?
rollback_ms=$(( $(now_ms) - rollback_at ))
[ "$code" -eq 1 ] || fail "the broken jar was not rolled back (exit $code): $result"
[ "$(readlink -f "$work/app/opt/sco-app.jar")" = "$new_release" ] || fail "after the rollback the app does not run the previous jar"
wait_for "the rolled-back app across the link" 30 app_get /healthz || fail "the app is not healthy after the rollback"
log "the broken jar was rolled back in $rollback_ms ms: $result"

log "stopping both hosts and verifying both audit chains"
for pid in "${pids[@]}"; do
  kill -TERM "$pid" 2>/dev/null || true
done
for pid in "${pids[@]}"; do
  wait "$pid" 2>/dev/null || true
done
pids=()
stop_app
java -jar "$monitor_jar" audit verify --data-dir "$work/monitor/data" >&2 || fail "the monitor's audit chain does not verify"
java -jar "$app_jar" audit verify --data-dir "$work/app/data" >&2 || fail "the app's audit chain does not verify"
echo "PAIR RESULT ok detect_ms=$detect_ms recover_ms=$recover_ms verified_ms=$verified_ms upgrade_ms=$upgrade_ms rollback_ms=$rollback_ms"
