variable "project" {
  description = "Name prefix and value of the Project tag that scopes the monitor's permissions."
  type        = string
  default     = "smartcloudops"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,20}$", var.project))
    error_message = "project must be 3-21 lower-case letters, digits or '-', starting with a letter."
  }
}

variable "region" {
  description = "AWS region to deploy into."
  type        = string
  default     = "us-east-1"
}

variable "admin_cidr" {
  description = "The only network allowed to reach SSH, Grafana and Prometheus, e.g. 203.0.113.7/32. Never 0.0.0.0/0."
  type        = string

  validation {
    condition     = can(cidrhost(var.admin_cidr, 0)) && var.admin_cidr != "0.0.0.0/0" && var.admin_cidr != "::/0"
    error_message = "admin_cidr must be a CIDR block that is not the whole Internet (for one address use a /32)."
  }
}

variable "instance_type" {
  description = "EC2 instance type of both hosts (t2.micro is free-tier eligible on older accounts, t3.micro on newer)."
  type        = string
  default     = "t2.micro"
}

variable "key_name" {
  description = "Optional EC2 key pair for SSH; leave null to use SSM Session Manager only."
  type        = string
  default     = null
}

variable "app_port" {
  description = "The port sco-app listens on behind nginx (which is public on 80); reachable from inside the VPC only."
  type        = number
  default     = 8080

  validation {
    condition     = var.app_port != 80 && var.app_port > 1023 && var.app_port < 65536
    error_message = "app_port must be an unprivileged port other than 80, where nginx listens in front of the app."
  }
}

variable "monitor_api_port" {
  description = "The monitor agent's HTTP API port, reachable only from inside the VPC."
  type        = number
  default     = 8080
}

variable "monitor_jar_source" {
  description = "Where the monitor host fetches sco-monitor.jar: an s3:// object or an https:// release URL. Empty: s3://<models bucket>/artifacts/sco-monitor.jar. sco-chat-model.jar and sco-aws-plugins.jar are fetched from the same folder."
  type        = string
  default     = ""

  validation {
    condition     = var.monitor_jar_source == "" || can(regex("^(s3|https)://[A-Za-z0-9._~/%+-]+$", var.monitor_jar_source))
    error_message = "monitor_jar_source must be empty, an s3:// object or an https:// URL without quotes or spaces."
  }
}

variable "app_jar_source" {
  description = "Where the app host fetches sco-app.jar: an s3:// object or an https:// release URL. Empty: s3://<models bucket>/artifacts/sco-app.jar. sco-chat-model.jar is fetched from the same folder."
  type        = string
  default     = ""

  validation {
    condition     = var.app_jar_source == "" || can(regex("^(s3|https)://[A-Za-z0-9._~/%+-]+$", var.app_jar_source))
    error_message = "app_jar_source must be empty, an s3:// object or an https:// URL without quotes or spaces."
  }
}

variable "prometheus_version" {
  description = "Prometheus release installed on the monitor host."
  type        = string
  default     = "3.5.0"
}

variable "alertmanager_version" {
  description = "Alertmanager release installed on the monitor host."
  type        = string
  default     = "0.28.1"
}

variable "node_exporter_version" {
  description = "Node Exporter release installed on both hosts."
  type        = string
  default     = "1.9.1"
}

variable "restartable_units" {
  description = "systemd units on the app host that the sco user may restart (through sudo) when the monitor asks"
  type        = list(string)
  default     = ["node_exporter", "nginx"]

  validation {
    condition     = alltrue([for u in var.restartable_units : can(regex("^[a-zA-Z0-9][a-zA-Z0-9@._-]{0,127}$", u))])
    error_message = "restartable_units must be unit names: letters, digits, @ . _ - only."
  }
}

variable "kms_key_arn" {
  description = "Optional KMS key for the buckets (SSE-KMS); null uses SSE-S3, which costs nothing."
  type        = string
  default     = null
}

variable "destroy_audit_archive" {
  description = "Let `terraform destroy` delete the logs bucket with the archived audit log in it. False (the default) makes destroy stop at a non-empty logs bucket, so the only copy of the audit log is not deleted by accident: copy it off first (docs/DEPLOY.md, section 6), then set this to true."
  type        = bool
  default     = false
}

variable "checkpoint_retention_days" {
  description = "Days a detector checkpoint under models/ is kept (the monitor writes one an hour, so while it runs newer ones are always there)."
  type        = number
  default     = 14

  validation {
    condition     = var.checkpoint_retention_days >= 1
    error_message = "checkpoint_retention_days must be at least 1."
  }
}

variable "budget_limit_usd" {
  description = "Monthly cost budget in USD; the budget warns at 80% and 100% of actual and 100% of forecast spend."
  type        = number
  default     = 1

  validation {
    condition     = var.budget_limit_usd > 0
    error_message = "budget_limit_usd must be more than 0."
  }
}

variable "budget_alert_emails" {
  description = "E-mail addresses the budget warns (AWS Budgets mails them directly; there is no subscription to confirm)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.budget_alert_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "budget_alert_emails must be e-mail addresses."
  }
}

variable "budget_sns_topic_arns" {
  description = "SNS topics the budget publishes to; each topic's policy must allow budgets.amazonaws.com to sns:Publish (and it must not use the aws/sns managed key)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.budget_sns_topic_arns : can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$", a))])
    error_message = "budget_sns_topic_arns must be SNS topic ARNs."
  }
}

variable "cost_center" {
  description = "Value of the CostCenter tag every resource carries (cost allocation)."
  type        = string
  default     = "smartcloudops"
}

variable "activate_cost_allocation_tags" {
  description = "Activate Project and CostCenter as cost allocation tags and filter the budget by Project. Needs the tags to be in the billing data already (about a day after the first apply)."
  type        = bool
  default     = false
}
