# Admin ports (SSH, Grafana, Prometheus) only from var.admin_cidr; scrape and API ports only from
# inside the VPC; only nginx on the app host (port 80, the front of sco-app) is public.
# Alertmanager listens on localhost only.

resource "aws_security_group" "monitor" {
  name        = "${var.project}-monitor"
  description = "SmartCloudOps monitor: admin UIs from admin_cidr, API and exporter from the VPC"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "SSH from the admin network"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }

  ingress {
    description = "Grafana from the admin network"
    from_port   = 3000
    to_port     = 3000
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }

  ingress {
    description = "Prometheus from the admin network"
    from_port   = 9090
    to_port     = 9090
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }

  ingress {
    description = "Node Exporter from inside the VPC"
    from_port   = 9100
    to_port     = 9100
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }

  ingress {
    description = "Monitor agent API from inside the VPC"
    from_port   = var.monitor_api_port
    to_port     = var.monitor_api_port
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }

  egress {
    description = "Packages, releases and AWS APIs"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = {
    Name = "${var.project}-monitor"
  }
}

resource "aws_security_group" "app" {
  name        = "${var.project}-app"
  description = "SmartCloudOps app: nginx HTTP public, SSH from admin_cidr, app API and exporter from the VPC"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "SSH from the admin network"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }

  ingress {
    description = "nginx, the front of the application, public"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "Application API behind nginx, from inside the VPC (the monitor's link and scrapes)"
    from_port   = var.app_port
    to_port     = var.app_port
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }

  ingress {
    description = "Node Exporter from inside the VPC"
    from_port   = 9100
    to_port     = 9100
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }

  egress {
    description = "Packages, releases and AWS APIs"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = {
    Name = "${var.project}-app"
  }
}
