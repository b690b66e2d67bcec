data "aws_caller_identity" "current" {}

locals {
  # bucket names are global: the account id and region make them unique
  models_bucket = "${var.project}-models-${data.aws_caller_identity.current.account_id}-${var.region}"
  logs_bucket   = "${var.project}-logs-${data.aws_caller_identity.current.account_id}-${var.region}"
  sse_algorithm = var.kms_key_arn == null ? "AES256" : "aws:kms"
}

resource "aws_s3_bucket" "models" {
  bucket        = local.models_bucket
  force_destroy = true
}

# The logs bucket holds the archived audit log (audit/): destroy keeps it unless told otherwise.
resource "aws_s3_bucket" "logs" {
  bucket        = local.logs_bucket
  force_destroy = var.destroy_audit_archive
}

resource "aws_s3_bucket_versioning" "models" {
  bucket = aws_s3_bucket.models.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "models" {
  bucket = aws_s3_bucket.models.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = local.sse_algorithm
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = local.sse_algorithm
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "models" {
  bucket                  = aws_s3_bucket.models.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "models" {
  bucket = aws_s3_bucket.models.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_ownership_controls" "logs" {
  bucket = aws_s3_bucket.logs.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# The monitor writes a detector checkpoint an hour under models/monitor/ (deploy/sco/monitor.yml);
# each is kept checkpoint_retention_days, and old object versions 30 days, so storage stays small.
resource "aws_s3_bucket_lifecycle_configuration" "models" {
  bucket = aws_s3_bucket.models.id

  rule {
    id     = "expire-old-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }

  rule {
    id     = "expire-old-checkpoints"
    status = "Enabled"

    filter {
      prefix = "models/"
    }

    expiration {
      days = var.checkpoint_retention_days
    }
  }
}

data "aws_iam_policy_document" "models_tls_only" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.models.arn,
      "${aws_s3_bucket.models.arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

data "aws_iam_policy_document" "logs_tls_only" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.logs.arn,
      "${aws_s3_bucket.logs.arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "models" {
  bucket     = aws_s3_bucket.models.id
  policy     = data.aws_iam_policy_document.models_tls_only.json
  depends_on = [aws_s3_bucket_public_access_block.models]
}

resource "aws_s3_bucket_policy" "logs" {
  bucket     = aws_s3_bucket.logs.id
  policy     = data.aws_iam_policy_document.logs_tls_only.json
  depends_on = [aws_s3_bucket_public_access_block.logs]
}

# The monitoring configuration (Prometheus, Alertmanager, Grafana provisioning) lives in the
# repository's deploy/ folder and is copied to s3://<models bucket>/deploy/ for the hosts to fetch.
resource "aws_s3_object" "deploy" {
  for_each = fileset("${path.module}/../deploy", "**")

  bucket = aws_s3_bucket.models.id
  key    = "deploy/${each.value}"
  source = "${path.module}/../deploy/${each.value}"
  etag   = filemd5("${path.module}/../deploy/${each.value}")
}
