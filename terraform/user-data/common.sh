#!/bin/bash
# Shared steps of both hosts' user data. Terraform prepends the settings (SCO_* and *_VERSION
# environment variables) and appends the host's own script, which calls these functions.
set -euo pipefail

: "${SCO_ROLE:?}" "${SCO_JAR_SOURCE:?}" "${SCO_JAR_NAME:?}" "${SCO_PORT:?}" "${SCO_DEPLOY_S3:?}" "${SCO_REGION:?}"
: "${NODE_EXPORTER_VERSION:?}" "${SCO_PAIR_TOKEN:?}" "${SCO_PLUGIN_JARS?}"

SCO_HOME=/opt/sco
SCO_DEPLOY_DIR="$SCO_HOME/deploy"
export AWS_DEFAULT_REGION="$SCO_REGION"

log() {
  printf '%s sco-user-data[%s]: %s\n' "$(date -u +%FT%TZ)" "$SCO_ROLE" "$*"
}

# A t2.micro has 1 GiB of memory; swap keeps Prometheus, Grafana and a JVM from the OOM killer.
add_swap() {
  if [ ! -f /swapfile ]; then
    dd if=/dev/zero of=/swapfile bs=1M count=1024 status=none
    chmod 600 /swapfile
    mkswap /swapfile >/dev/null
    swapon /swapfile
    echo '/swapfile swap swap defaults 0 0' >>/etc/fstab
  fi
}

install_java() {
  log "installing Java 17"
  dnf install -y -q java-17-amazon-corretto-headless tar gzip
}

# $1: s3://bucket/key or https://... ; $2: destination file
fetch() {
  case "$1" in
    s3://*) aws s3 cp --only-show-errors "$1" "$2" ;;
    https://*) curl -fsSL --retry 5 --retry-delay 3 -o "$2" "$1" ;;
    *) log "unsupported source $1"; return 1 ;;
  esac
}

# Monitoring configuration from the repository's deploy/ folder (uploaded by terraform).
fetch_deploy_files() {
  mkdir -p "$SCO_DEPLOY_DIR"
  aws s3 cp --only-show-errors --recursive "$SCO_DEPLOY_S3" "$SCO_DEPLOY_DIR/" || log "no deploy files at $SCO_DEPLOY_S3"
}

# $1: file, $2: the one user that reads it, $3: the secret. Created 0600 for that user before the
# secret is written, so it is never readable by anyone else, not even for a moment.
write_secret() {
  install -m 600 -o "$2" -g "$2" /dev/null "$1"
  printf '%s' "$3" >"$1"
}

# $1: name, $2: description, $3: user, $4...: command line. Restart=on-failure for every unit.
write_unit() {
  local name="$1" description="$2" user="$3"
  shift 3
  cat >"/etc/systemd/system/$name.service" <<UNIT
[Unit]
Description=$description
Wants=network-online.target
After=network-online.target

[Service]
User=$user
ExecStart=$*
Restart=on-failure
RestartSec=5
NoNewPrivileges=true
ProtectHome=true
PrivateTmp=true

[Install]
WantedBy=multi-user.target
UNIT
}

# $1: system user to create if missing
system_user() {
  id -u "$1" >/dev/null 2>&1 || useradd --system --no-create-home --shell /sbin/nologin "$1"
}

# $1: project (prometheus, alertmanager, node_exporter), $2: version. Verifies the release's sha256.
install_prometheus_release() {
  local project="$1" version="$2"
  local archive="$project-$version.linux-amd64.tar.gz"
  local base="https://github.com/prometheus/$project/releases/download/v$version"
  local work
  work="$(mktemp -d)"
  log "installing $project $version"
  curl -fsSL --retry 5 --retry-delay 3 -o "$work/$archive" "$base/$archive"
  curl -fsSL --retry 5 --retry-delay 3 -o "$work/sha256sums.txt" "$base/sha256sums.txt"
  (cd "$work" && grep " $archive\$" sha256sums.txt | sha256sum -c -)
  tar -xzf "$work/$archive" -C /opt
  rm -rf "/opt/$project"
  mv "/opt/$project-$version.linux-amd64" "/opt/$project"
  rm -rf "$work"
}

install_node_exporter() {
  install_prometheus_release node_exporter "$NODE_EXPORTER_VERSION"
  system_user node_exporter
  write_unit node_exporter "Prometheus Node Exporter" node_exporter \
    /opt/node_exporter/node_exporter --web.listen-address=:9100
}

# The jars the runner jar names in its manifest Class-Path (SCO_PLUGIN_JARS: the chat model, and on
# the monitor the AWS plugins), from the folder of SCO_JAR_SOURCE into the runner's own folder,
# where the JVM looks for them.
fetch_plugin_jars() {
  local jar
  for jar in $SCO_PLUGIN_JARS; do
    fetch "${SCO_JAR_SOURCE%/*}/$jar" "$SCO_HOME/$jar" || return 1
  done
}

# The SmartCloudOps jar of this host, as a service on SCO_PORT.
install_sco() {
  system_user sco
  mkdir -p "$SCO_HOME" /var/lib/sco
  # the jar may be uploaded after `terraform apply`: wait for it up to 30 minutes
  local attempt
  for attempt in $(seq 1 60); do
    if fetch "$SCO_JAR_SOURCE" "$SCO_HOME/$SCO_JAR_NAME" && fetch_plugin_jars; then
      break
    fi
    log "waiting for $SCO_JAR_SOURCE and $SCO_PLUGIN_JARS beside it (attempt $attempt of 60)"
    sleep 30
  done
  [ -s "$SCO_HOME/$SCO_JAR_NAME" ] || { log "no jar at $SCO_JAR_SOURCE; giving up"; return 1; }
  # the pair's token (deploy/sco/*.yml read it as token_file): accepted from the other host, and presented to it
  install -d -m 750 -o sco -g sco /etc/sco
  write_secret /etc/sco/pair-token sco "$SCO_PAIR_TOKEN"
  # the audit key (/etc/sco/audit.key) and anchor the agent creates on its first start, outside
  # its data directory (deploy/sco/*.yml audit.key_file, audit.anchor_file)
  install -d -m 700 -o sco -g sco /var/lib/sco-anchor
  chown -R sco:sco /var/lib/sco
  local config=""
  if [ -f "$SCO_DEPLOY_DIR/sco/$SCO_ROLE.yml" ]; then
    config="--config $SCO_DEPLOY_DIR/sco/$SCO_ROLE.yml"
  fi
  write_unit "sco-$SCO_ROLE" "SmartCloudOps $SCO_ROLE" sco \
    /usr/bin/java -Xmx256m -jar "$SCO_HOME/$SCO_JAR_NAME" --bind 0.0.0.0 --port "$SCO_PORT" \
    --data-dir /var/lib/sco "$config"
}

start_units() {
  systemctl daemon-reload
  systemctl enable --now "$@"
}
