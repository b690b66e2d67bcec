terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }

  # State stays local by default. For a team, copy backend-s3.tf.example to backend-s3.tf,
  # fill in a state bucket you created beforehand, and run `terraform init -migrate-state`.
}

provider "aws" {
  region = var.region

  # Every resource carries the project tag; the monitor's IAM conditions rely on it, and with
  # CostCenter it is what cost allocation groups the bill by (billing.tf).
  default_tags {
    tags = {
      Project    = var.project
      CostCenter = var.cost_center
      ManagedBy  = "terraform"
    }
  }
}
