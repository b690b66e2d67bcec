#!/bin/bash
# The application host: the SmartCloudOps app on SCO_PORT and Node Exporter for the monitor.
set -euo pipefail

: "${SCO_MONITOR_IP:?}"

# deploy/sco/app.yml names the monitor "monitor", as the monitor's own files name this host "app"
name_hosts() {
  sed -i '/ monitor$/d; / app$/d' /etc/hosts
  printf '127.0.0.1 app\n%s monitor\n' "$SCO_MONITOR_IP" >>/etc/hosts
}

name_hosts
add_swap
install_java
fetch_deploy_files
install_node_exporter
install_sco
start_units node_exporter "sco-$SCO_ROLE"
log "app ready"
