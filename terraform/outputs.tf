output "grafana_url" {
  description = "Grafana on the monitor host (reachable from admin_cidr only)."
  value       = "http://${aws_instance.monitor.public_ip}:3000"
}

output "prometheus_url" {
  description = "Prometheus on the monitor host (reachable from admin_cidr only)."
  value       = "http://${aws_instance.monitor.public_ip}:9090"
}

output "app_url" {
  description = "The application's public HTTP endpoint: nginx on port 80 in front of sco-app."
  value       = "http://${aws_instance.app.public_ip}"
}

output "models_bucket" {
  description = "Bucket for detector checkpoints (models/) and deployment artifacts (artifacts/, deploy/)."
  value       = aws_s3_bucket.models.bucket
}

output "logs_bucket" {
  description = "Bucket for the archived audit log (audit/)."
  value       = aws_s3_bucket.logs.bucket
}

output "alerts_topic_arn" {
  description = "The SNS topic the monitor's sns notifier may publish to"
  value       = aws_sns_topic.alerts.arn
}
