# Amazon Linux 2023, latest, from AWS's public SSM parameter.
data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

# The token each host of the pair accepts from the other (operator role) and presents to it; also
# what Prometheus presents to scrape both hosts' /metrics. Letters and digits only, so it passes
# the no-quote-no-space rule of the user data. It lives in the Terraform state and the user data:
# keep the state private (see backend-s3.tf.example) and rotate by tainting this resource.
resource "random_password" "pair_token" {
  length  = 40
  special = false
}

# Grafana's admin password: random, never a built-in default. The monitor's user data
# writes it to /etc/grafana/admin-password (0600, user grafana), which Grafana reads on its first
# start (GF_SECURITY_ADMIN_PASSWORD__FILE). Read it with `terraform output -raw grafana_admin_password`.
resource "random_password" "grafana_admin" {
  length  = 24
  special = false
}

locals {
  monitor_jar_source = var.monitor_jar_source != "" ? var.monitor_jar_source : "s3://${local.models_bucket}/artifacts/sco-monitor.jar"
  app_jar_source     = var.app_jar_source != "" ? var.app_jar_source : "s3://${local.models_bucket}/artifacts/sco-app.jar"
  # fixed private addresses, so each host's user data can name the other without a cycle
  monitor_ip = cidrhost(aws_subnet.public_a.cidr_block, 10)
  app_ip     = cidrhost(aws_subnet.public_b.cidr_block, 10)

  # user data = settings as environment variables + the shared functions + the host's script;
  # every value is validated to contain no quote or space
  monitor_env = join("\n", [
    "#!/bin/bash",
    "export SCO_ROLE='monitor'",
    "export SCO_JAR_SOURCE='${local.monitor_jar_source}'",
    "export SCO_JAR_NAME='sco-monitor.jar'",
    # the jars sco-monitor.jar's manifest Class-Path names, fetched from the folder of its source
    "export SCO_PLUGIN_JARS='sco-chat-model.jar sco-aws-plugins.jar'",
    "export SCO_PORT='${var.monitor_api_port}'",
    "export SCO_DEPLOY_S3='s3://${local.models_bucket}/deploy/'",
    "export SCO_REGION='${var.region}'",
    "export SCO_MODELS_BUCKET='${local.models_bucket}'",
    "export SCO_LOGS_BUCKET='${local.logs_bucket}'",
    "export SCO_APP_IP='${local.app_ip}'",
    "export SCO_PAIR_TOKEN='${random_password.pair_token.result}'",
    "export GRAFANA_ADMIN_PASSWORD='${random_password.grafana_admin.result}'",
    "export PROMETHEUS_VERSION='${var.prometheus_version}'",
    "export ALERTMANAGER_VERSION='${var.alertmanager_version}'",
    "export NODE_EXPORTER_VERSION='${var.node_exporter_version}'",
  ])

  app_env = join("\n", [
    "#!/bin/bash",
    "export SCO_ROLE='app'",
    "export SCO_JAR_SOURCE='${local.app_jar_source}'",
    "export SCO_JAR_NAME='sco-app.jar'",
    "export SCO_PLUGIN_JARS='sco-chat-model.jar'",
    "export SCO_MONITOR_IP='${local.monitor_ip}'",
    "export SCO_RESTARTABLE_UNITS='${join(" ", var.restartable_units)}'",
    "export SCO_PAIR_TOKEN='${random_password.pair_token.result}'",
    "export SCO_PORT='${var.app_port}'",
    "export SCO_DEPLOY_S3='s3://${local.models_bucket}/deploy/'",
    "export SCO_REGION='${var.region}'",
    "export NODE_EXPORTER_VERSION='${var.node_exporter_version}'",
  ])
}

resource "aws_instance" "monitor" {
  ami                         = data.aws_ssm_parameter.al2023.value
  instance_type               = var.instance_type
  subnet_id                   = aws_subnet.public_a.id
  private_ip                  = local.monitor_ip
  vpc_security_group_ids      = [aws_security_group.monitor.id]
  iam_instance_profile        = aws_iam_instance_profile.monitor.name
  key_name                    = var.key_name
  associate_public_ip_address = true
  user_data_replace_on_change = true

  user_data = join("\n", [
    local.monitor_env,
    file("${path.module}/user-data/common.sh"),
    file("${path.module}/user-data/monitor.sh"),
  ])

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  root_block_device {
    volume_type = "gp3"
    volume_size = 8
    encrypted   = true
  }

  tags = {
    Name    = "${var.project}-monitor"
    Project = var.project
    Role    = "monitor"
  }
}

resource "aws_instance" "app" {
  ami                         = data.aws_ssm_parameter.al2023.value
  instance_type               = var.instance_type
  subnet_id                   = aws_subnet.public_b.id
  private_ip                  = local.app_ip
  vpc_security_group_ids      = [aws_security_group.app.id]
  iam_instance_profile        = aws_iam_instance_profile.app.name
  key_name                    = var.key_name
  associate_public_ip_address = true
  user_data_replace_on_change = true

  user_data = join("\n", [
    local.app_env,
    file("${path.module}/user-data/common.sh"),
    file("${path.module}/user-data/app.sh"),
  ])

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  root_block_device {
    volume_type = "gp3"
    volume_size = 8
    encrypted   = true
  }

  tags = {
    Name    = "${var.project}-app"
    Project = var.project
    Role    = "app"
  }
}
