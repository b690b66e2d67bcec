#!/bin/bash
# The application host: the SmartCloudOps app on SCO_PORT and Node Exporter for the monitor.
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

name_hosts
allow_restarts
add_swap
install_java
fetch_deploy_files
install_node_exporter
install_sco
start_units node_exporter "sco-$SCO_ROLE"
log "app ready"
