# Cost guardrails: a monthly cost budget (default 1 USD, as the free-tier plan's billing alert)
# that warns at 80% and 100% of actual spend and at 100% of forecast spend, by e-mail and/or SNS.
# Without subscribers the budget still shows in the Billing console but warns nobody.
#
# The budget watches the whole account by default: a fresh account has not yet seen the Project
# tag in its billing data, and a tag filter on an inactive tag matches nothing. Once the tag is
# there (a day after the first apply), set activate_cost_allocation_tags = true: the Project and
# CostCenter tags (provider default_tags, on every resource) become cost allocation tags and the
# budget counts only this project's resources.
resource "aws_ce_cost_allocation_tag" "project" {
  for_each = var.activate_cost_allocation_tags ? toset(["Project", "CostCenter"]) : toset([])

  tag_key = each.value
  status  = "Active"
}

locals {
  budget_subscribed = length(var.budget_alert_emails) + length(var.budget_sns_topic_arns) > 0
  budget_notifications = [
    { type = "ACTUAL", threshold = 80 },
    { type = "ACTUAL", threshold = 100 },
    { type = "FORECASTED", threshold = 100 },
  ]
}

resource "aws_budgets_budget" "monthly" {
  name         = "${var.project}-monthly"
  budget_type  = "COST"
  limit_amount = tostring(var.budget_limit_usd)
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  dynamic "cost_filter" {
    for_each = var.activate_cost_allocation_tags ? [1] : []
    content {
      name = "TagKeyValue"
      # "user:TAG$VALUE": a literal $ between the tag key and its value
      values = [format("user:Project$%s", var.project)]
    }
  }

  dynamic "notification" {
    for_each = local.budget_subscribed ? local.budget_notifications : []
    content {
      comparison_operator        = "GREATER_THAN"
      threshold                  = notification.value.threshold
      threshold_type             = "PERCENTAGE"
      notification_type          = notification.value.type
      subscriber_email_addresses = var.budget_alert_emails
      subscriber_sns_topic_arns  = var.budget_sns_topic_arns
    }
  }

  depends_on = [aws_ce_cost_allocation_tag.project]
}
