#!/bin/bash
# The monitor host: Prometheus, Alertmanager, Grafana, Node Exporter and the SmartCloudOps agent.
# Configuration files come from the repository's deploy/ folder:
#   deploy/prometheus/prometheus.yml, deploy/prometheus/rules/*.yml,
#   deploy/alertmanager/alertmanager.yml, deploy/grafana/provisioning/**, deploy/grafana/dashboards/*,
#   deploy/sco/monitor.yml
set -euo pipefail

: "${PROMETHEUS_VERSION:?}" "${ALERTMANAGER_VERSION:?}" "${SCO_APP_IP:?}" "${GRAFANA_ADMIN_PASSWORD:?}"
: "${SCO_MODELS_BUCKET:?}" "${SCO_LOGS_BUCKET:?}"

# deploy/ names the hosts "monitor" and "app". On this host "monitor" is the loopback address, so
# Alertmanager can stay bound to 127.0.0.1 and still be reached as monitor:9093.
name_hosts() {
  sed -i '/ monitor$/d; / app$/d' /etc/hosts
  printf '127.0.0.1 monitor\n%s app\n' "$SCO_APP_IP" >>/etc/hosts
}

# deploy/sco/monitor.yml names the buckets of its checkpoint store and audit archive by
# placeholder: this deployment's buckets (terraform/s3.tf) and region
fill_sco_config() {
  sed -i "s#@SCO_MODELS_BUCKET@#$SCO_MODELS_BUCKET#g" /opt/sco/deploy/sco/monitor.yml
  sed -i "s#@SCO_LOGS_BUCKET@#$SCO_LOGS_BUCKET#g" /opt/sco/deploy/sco/monitor.yml
  sed -i "s#@SCO_REGION@#$SCO_REGION#g" /opt/sco/deploy/sco/monitor.yml
}

install_prometheus() {
  install_prometheus_release prometheus "$PROMETHEUS_VERSION"
  system_user prometheus
  mkdir -p /etc/prometheus /var/lib/prometheus
  if [ -d "$SCO_DEPLOY_DIR/prometheus" ]; then
    cp -r "$SCO_DEPLOY_DIR/prometheus/." /etc/prometheus/
  else
    log "deploy/prometheus missing: scraping this host only until it is deployed"
    cat >/etc/prometheus/prometheus.yml <<'YAML'
global:
  scrape_interval: 15s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ["localhost:9090"]
  - job_name: node
    static_configs:
      - targets: ["localhost:9100"]
YAML
  fi
  # the bearer token Prometheus sends to both hosts' /metrics (deploy/prometheus/prometheus.yml):
  # the pair's token, which both hosts accept
  chown -R prometheus:prometheus /etc/prometheus /var/lib/prometheus
  write_secret /etc/prometheus/sco-token prometheus "$SCO_PAIR_TOKEN"
  write_unit prometheus "Prometheus" prometheus \
    /opt/prometheus/prometheus --config.file=/etc/prometheus/prometheus.yml \
    --storage.tsdb.path=/var/lib/prometheus --storage.tsdb.retention.time=7d \
    --web.listen-address=0.0.0.0:9090
}

install_alertmanager() {
  install_prometheus_release alertmanager "$ALERTMANAGER_VERSION"
  system_user alertmanager
  mkdir -p /etc/alertmanager /var/lib/alertmanager
  if [ -f "$SCO_DEPLOY_DIR/alertmanager/alertmanager.yml" ]; then
    cp "$SCO_DEPLOY_DIR/alertmanager/alertmanager.yml" /etc/alertmanager/alertmanager.yml
  else
    log "deploy/alertmanager missing: alerts go nowhere until it is deployed"
    cat >/etc/alertmanager/alertmanager.yml <<'YAML'
route:
  receiver: none
receivers:
  - name: none
YAML
  fi
  chown -R alertmanager:alertmanager /etc/alertmanager /var/lib/alertmanager
  # the bearer token of the monitor's webhook (deploy/alertmanager/alertmanager.yml): the monitor
  # binds 0.0.0.0, so its /webhook/alertmanager takes a token like every other endpoint
  write_secret /etc/alertmanager/sco-token alertmanager "$SCO_PAIR_TOKEN"
  # localhost only: the security group does not open 9093 at all
  write_unit alertmanager "Prometheus Alertmanager" alertmanager \
    /opt/alertmanager/alertmanager --config.file=/etc/alertmanager/alertmanager.yml \
    --storage.path=/var/lib/alertmanager --web.listen-address=127.0.0.1:9093 --cluster.listen-address=
}

install_grafana() {
  log "installing Grafana"
  cat >/etc/yum.repos.d/grafana.repo <<'REPO'
[grafana]
name=grafana
baseurl=https://rpm.grafana.com
repo_gpgcheck=1
enabled=1
gpgcheck=1
gpgkey=https://rpm.grafana.com/gpg.key
sslverify=1
sslcacert=/etc/pki/tls/certs/ca-bundle.crt
REPO
  dnf install -y -q grafana
  if [ -d "$SCO_DEPLOY_DIR/grafana/provisioning" ]; then
    cp -r "$SCO_DEPLOY_DIR/grafana/provisioning/." /etc/grafana/provisioning/
    chown -R root:grafana /etc/grafana/provisioning
  fi
  if [ -d "$SCO_DEPLOY_DIR/grafana/dashboards" ]; then
    mkdir -p /var/lib/grafana/dashboards
    cp -r "$SCO_DEPLOY_DIR/grafana/dashboards/." /var/lib/grafana/dashboards/
    chown -R grafana:grafana /var/lib/grafana/dashboards
  fi
  # the admin password Terraform generated (random_password.grafana_admin), never Grafana's
  # built-in default: Grafana reads it from the file on its first start, when it creates the admin user
  write_secret /etc/grafana/admin-password grafana "$GRAFANA_ADMIN_PASSWORD"
  mkdir -p /etc/systemd/system/grafana-server.service.d
  cat >/etc/systemd/system/grafana-server.service.d/restart.conf <<'UNIT'
[Service]
Restart=on-failure
RestartSec=5
UNIT
  cat >/etc/systemd/system/grafana-server.service.d/admin-login.conf <<'UNIT'
[Service]
Environment=GF_SECURITY_ADMIN_PASSWORD__FILE=/etc/grafana/admin-password
Environment=GF_USERS_ALLOW_SIGN_UP=false
UNIT
}

name_hosts
add_swap
install_java
fetch_deploy_files
fill_sco_config
install_node_exporter
install_prometheus
install_alertmanager
install_grafana
install_sco
start_units node_exporter prometheus alertmanager grafana-server "sco-$SCO_ROLE"
log "monitor ready"
