#!/bin/bash
# The application host: the SmartCloudOps app on SCO_PORT and Node Exporter for the monitor.
set -euo pipefail

add_swap
install_java
fetch_deploy_files
install_node_exporter
install_sco
start_units node_exporter "sco-$SCO_ROLE"
log "app ready"
