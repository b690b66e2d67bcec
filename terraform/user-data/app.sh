#!/bin/bash
# The application host: the SmartCloudOps app on SCO_PORT behind nginx on :80, and Node Exporter
# for the monitor.
set -euo pipefail

: "${SCO_MONITOR_IP:?}" "${SCO_RESTARTABLE_UNITS:?}"

# deploy/sco/app.yml names the monitor "monitor", as the monitor's own files name this host "app"
name_hosts() {
  sed -i '/ monitor$/d; / app$/d' /etc/hosts
  printf '127.0.0.1 app\n%s monitor\n' "$SCO_MONITOR_IP" >>/etc/hosts
}

# deploy/sco/app.yml restarts units with `sudo -n systemctl restart UNIT`: allow exactly those
allow_restarts() {
  local rules="" unit
  for unit in $SCO_RESTARTABLE_UNITS; do
    rules+="sco ALL=(root) NOPASSWD: /usr/bin/systemctl restart $unit"$'\n'
  done
  printf '%s' "$rules" >/etc/sudoers.d/sco-restart.tmp
  chmod 440 /etc/sudoers.d/sco-restart.tmp
  visudo -cf /etc/sudoers.d/sco-restart.tmp >/dev/null
  mv /etc/sudoers.d/sco-restart.tmp /etc/sudoers.d/sco-restart
}

# nginx as the public front of sco-app on :80 (deploy/nginx/nginx.conf proxies to SCO_PORT); the
# monitor's Prometheus scrapes it (job nginx, target app:80) and its policies may restart it here
install_nginx() {
  log "installing nginx"
  dnf install -y -q nginx
  if [ -f "$SCO_DEPLOY_DIR/nginx/nginx.conf" ]; then
    cp "$SCO_DEPLOY_DIR/nginx/nginx.conf" /etc/nginx/nginx.conf
    sed -i "s#@SCO_PORT@#$SCO_PORT#g" /etc/nginx/nginx.conf
  else
    log "deploy/nginx missing: nginx serves its default page until it is deployed"
  fi
}

name_hosts
allow_restarts
add_swap
install_java
fetch_deploy_files
install_node_exporter
install_nginx
install_sco
start_units node_exporter nginx "sco-$SCO_ROLE"
log "app ready"
