data "aws_iam_policy_document" "ec2_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

# ---------------------------------------------------------------------------------------------
# Monitor: reads CloudWatch, restarts services and reboots, stops, starts and resizes instances
# of this project only (the sco-aws actions), publishes to the project's alert topic only,
# reads and writes only its own S3 prefixes.
# ---------------------------------------------------------------------------------------------
data "aws_iam_policy_document" "monitor" {
  statement {
    sid = "CloudWatchRead"
    actions = [
      "cloudwatch:GetMetricData",
      "cloudwatch:ListMetrics",
      "cloudwatch:DescribeAlarms",
    ]
    # CloudWatch read actions support no resource-level permissions
    resources = ["*"]
  }

  statement {
    sid       = "DescribeInstances"
    actions   = ["ec2:DescribeInstances"]
    resources = ["*"]
  }

  statement {
    sid       = "RebootProjectInstances"
    actions   = ["ec2:RebootInstances"]
    resources = ["arn:aws:ec2:${var.region}:${data.aws_caller_identity.current.account_id}:instance/*"]

    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/Project"
      values   = [var.project]
    }
  }

  statement {
    # stop, modify the instance type, start: the sco-aws scale_up by instance type, and ec2_stop/ec2_start
    sid       = "StartStopResizeProjectInstances"
    actions   = ["ec2:StartInstances", "ec2:StopInstances", "ec2:ModifyInstanceAttribute"]
    resources = ["arn:aws:ec2:${var.region}:${data.aws_caller_identity.current.account_id}:instance/*"]

    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/Project"
      values   = [var.project]
    }
  }

  statement {
    sid       = "PublishProjectAlerts"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alerts.arn]
  }

  statement {
    sid       = "SendCommandToProjectInstances"
    actions   = ["ssm:SendCommand"]
    resources = ["arn:aws:ec2:${var.region}:${data.aws_caller_identity.current.account_id}:instance/*"]

    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/Project"
      values   = [var.project]
    }
  }

  statement {
    sid       = "SendCommandShellDocumentOnly"
    actions   = ["ssm:SendCommand"]
    resources = ["arn:aws:ssm:${var.region}::document/AWS-RunShellScript"]
  }

  statement {
    sid       = "ReadCommandResults"
    actions   = ["ssm:GetCommandInvocation", "ssm:ListCommandInvocations"]
    resources = ["*"]
  }

  statement {
    sid       = "ListOwnPrefixes"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.models.arn, aws_s3_bucket.logs.arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["models/*", "audit/*", "deploy/*", "artifacts/*"]
    }
  }

  statement {
    sid     = "ReadWriteOwnPrefixes"
    actions = ["s3:GetObject", "s3:PutObject"]
    resources = [
      "${aws_s3_bucket.models.arn}/models/*",
      "${aws_s3_bucket.logs.arn}/audit/*",
    ]
  }

  statement {
    sid     = "ReadDeployment"
    actions = ["s3:GetObject"]
    resources = [
      "${aws_s3_bucket.models.arn}/deploy/*",
      "${aws_s3_bucket.models.arn}/artifacts/*",
    ]
  }
}

resource "aws_iam_role" "monitor" {
  name               = "${var.project}-monitor"
  assume_role_policy = data.aws_iam_policy_document.ec2_assume.json
}

resource "aws_iam_role_policy" "monitor" {
  name   = "${var.project}-monitor"
  role   = aws_iam_role.monitor.id
  policy = data.aws_iam_policy_document.monitor.json
}

resource "aws_iam_role_policy_attachment" "monitor_ssm" {
  role       = aws_iam_role.monitor.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "monitor" {
  name = "${var.project}-monitor"
  role = aws_iam_role.monitor.name
}

# ---------------------------------------------------------------------------------------------
# App: fetches its jar and deployment files; is managed through SSM (the monitor's restarts).
# ---------------------------------------------------------------------------------------------
data "aws_iam_policy_document" "app" {
  statement {
    sid     = "ReadDeployment"
    actions = ["s3:GetObject"]
    resources = [
      "${aws_s3_bucket.models.arn}/deploy/*",
      "${aws_s3_bucket.models.arn}/artifacts/*",
    ]
  }
}

resource "aws_iam_role" "app" {
  name               = "${var.project}-app"
  assume_role_policy = data.aws_iam_policy_document.ec2_assume.json
}

resource "aws_iam_role_policy" "app" {
  name   = "${var.project}-app"
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.app.json
}

resource "aws_iam_role_policy_attachment" "app_ssm" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "app" {
  name = "${var.project}-app"
  role = aws_iam_role.app.name
}

# The SNS notifier's topic (notifiers: {sns: {topic_arn: ...}} on the monitor); subscribe e-mail or
# a chat webhook to it. Encrypted with AWS's managed key for SNS.
resource "aws_sns_topic" "alerts" {
  name              = "${var.project}-alerts"
  kms_master_key_id = "alias/aws/sns"
}
