#!/usr/bin/env bash
# Upgrades this host's SmartCloudOps jar with a health check and automatic rollback. Run it as
# root on the host (the Terraform user data leaves it at /opt/sco/deploy/sco/rolling-upgrade.sh):
#
#   rolling-upgrade.sh --jar /tmp/sco-app.jar                       # the app host (defaults)
#   rolling-upgrade.sh --jar /tmp/sco-monitor.jar --unit sco-monitor --link /opt/sco/sco-monitor.jar
#
# 1. The new jar is copied beside the old one into releases/ (named by its sha256), never over it.
# 2. The unit's jar path (--link, what ExecStart runs) becomes a symlink to the new release,
#    switched atomically (rename), and the unit is restarted.
# 3. --url is polled until it answers 2xx or --timeout passes.
# 4. Healthy: the upgrade stays, older releases beyond --keep are removed. Not healthy: the link is
#    switched back to the previous release, the unit restarted and checked again.
#
# One process per host, not two side by side: the agent's data directory (audit chain, tokens)
# has one writer, so the restart leaves a gap of a few seconds (nginx answers 502 meanwhile).
# Exit codes: 0 upgraded (or already running that jar), 1 rolled back, 2 bad arguments or jar,
# 3 the rollback is unhealthy too (look at `journalctl -u UNIT`).
set -euo pipefail

jar=""
unit="sco-app"
link="/opt/sco/sco-app.jar"
url="http://127.0.0.1:8080/healthz"
timeout_s=90
interval_s=2
keep=3
systemctl_cmd="systemctl"

usage() { sed -n '2,20p' "$0" >&2; exit 2; }
log() { printf '%s rolling-upgrade[%s]: %s\n' "$(date -u +%FT%TZ)" "$unit" "$*" >&2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --unit) unit="$2"; shift 2 ;;
    --link) link="$2"; shift 2 ;;
    --url) url="$2"; shift 2 ;;
    --timeout) timeout_s="$2"; shift 2 ;;
    --interval) interval_s="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    --systemctl) systemctl_cmd="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done

[ -n "$jar" ] || { echo "--jar is required" >&2; usage; }
if [ ! -f "$jar" ] || [ ! -s "$jar" ]; then
  log "no jar at $jar"
  exit 2
fi
# a jar is a zip: refuse a truncated download or an HTML error page before anything changes
[ "$(head -c 2 "$jar")" = "PK" ] || { log "$jar is not a jar (no zip header)"; exit 2; }
[[ "$unit" =~ ^[A-Za-z0-9@._-]+$ ]] || { log "bad unit name: $unit"; exit 2; }
[[ "$timeout_s" =~ ^[0-9]+$ && "$keep" =~ ^[0-9]+$ ]] || { log "--timeout and --keep are whole numbers"; exit 2; }

home="$(dirname "$link")"
releases="$home/releases"
mkdir -p "$releases"
# The JVM resolves a jar's manifest Class-Path (sco-chat-model.jar, sco-aws-plugins.jar) beside
# the jar the link resolves to, so the jars beside the link are linked into releases/ too.
for beside in "$home"/*.jar; do
  if [ ! -f "$beside" ] || [ -L "$beside" ] || [ "$beside" = "$link" ]; then
    continue
  fi
  [ -e "$releases/$(basename "$beside")" ] || ln -s "../$(basename "$beside")" "$releases/$(basename "$beside")"
done

# $1: a jar; prints its path in releases/, copying it there if it is not there yet
release_of() {
  local sum name
  sum="$(sha256sum "$1" | cut -c1-12)"
  name="$(basename "$link" .jar)-$sum.jar"
  if [ ! -f "$releases/$name" ]; then
    install -m 0644 "$1" "$releases/$name.tmp"
    mv -f "$releases/$name.tmp" "$releases/$name"
  fi
  printf '%s\n' "$releases/$name"
}

# $1: a release; the link points at it after one rename, so the unit never sees a missing jar
point_at() {
  ln -sfn "$1" "$link.tmp"
  mv -Tf "$link.tmp" "$link"
}

healthy() {
  local deadline=$(( $(date +%s) + timeout_s ))
  while :; do
    if curl -fsS --max-time 5 -o /dev/null "$url" 2>/dev/null; then
      return 0
    fi
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep "$interval_s"
  done
}

# keeps the running release, the previous one and the newest others, --keep in all
prune() {
  local others
  others="$(find "$releases" -maxdepth 1 -type f -name '*.jar' -printf '%T@ %p\n' | sort -rn | cut -d' ' -f2- \
    | grep -vxF -e "$next" -e "$previous" || true)"
  if [ -n "$others" ]; then
    tail -n +"$(( keep > 2 ? keep - 1 : 1 ))" <<<"$others" | xargs -r -d '\n' rm -f --
  fi
}

restart() {
  # shellcheck disable=SC2086 # --systemctl may be a command with arguments (sudo -n systemctl)
  $systemctl_cmd restart "$unit"
}

# the first upgrade: the user data installed the jar as a plain file; it becomes the first release
if [ ! -L "$link" ]; then
  [ -f "$link" ] || { log "$link does not exist: is $unit installed here?"; exit 2; }
  point_at "$(release_of "$link")"
  log "moved the installed jar to $(readlink "$link")"
fi
previous="$(readlink -f "$link")"
next="$(release_of "$jar")"
if [ "$next" = "$previous" ]; then
  log "$unit already runs $next"
  echo "UPGRADE unchanged $next"
  exit 0
fi

log "switching $unit from $(basename "$previous") to $(basename "$next")"
point_at "$next"
restart
if healthy; then
  prune
  log "$unit is healthy on $(basename "$next")"
  echo "UPGRADE ok $next"
  exit 0
fi

log "$unit is not healthy at $url after ${timeout_s}s: rolling back to $(basename "$previous")"
point_at "$previous"
restart
if healthy; then
  log "rolled back: $unit is healthy on $(basename "$previous")"
  echo "UPGRADE rolled-back $previous"
  exit 1
fi
log "the rollback is not healthy either: see journalctl -u $unit"
echo "UPGRADE failed $previous"
exit 3
