package io.smartcloudops.aws.terraform;

import static io.smartcloudops.aws.terraform.TerraformModel.blocks;
import static io.smartcloudops.aws.terraform.TerraformModel.map;
import static io.smartcloudops.aws.terraform.TerraformModel.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TerraformConfigTest {
    private static final Set<Double> ADMIN_PORTS = Set.of(22.0, 3000.0, 9090.0);

    private final TerraformModel tf = new TerraformModel();

    @Test
    void everyTerraformFileParses() throws Exception {
        assertThat(tf.files().keySet())
                .contains(
                        "versions.tf",
                        "variables.tf",
                        "network.tf",
                        "security.tf",
                        "iam.tf",
                        "s3.tf",
                        "compute.tf",
                        "outputs.tf",
                        "billing.tf");
        Map<String, Object> backend =
                TerraformModel.parse(TerraformModel.DIR.resolve("backend-s3.tf.example"), List.of());
        Map<String, Object> s3 =
                map(map(map(backend.get("terraform")).get("backend")).get("s3"));
        assertThat(s3).containsEntry("encrypt", true).containsKey("bucket").containsKey("key");
        assertThat(Files.readString(TerraformModel.DIR.resolve("versions.tf"))).contains("backend-s3.tf.example");
    }

    @Test
    void vpcHasTwoPublicSubnetsInTwoZonesRoutedToAnInternetGateway() {
        assertThat(tf.resource("aws_vpc", "main")).containsEntry("cidr_block", "10.0.0.0/16");
        Map<String, Map<String, Object>> subnets = tf.all("resource", "aws_subnet");
        assertThat(subnets).hasSize(2);
        assertThat(subnets.values())
                .extracting(s -> s.get("cidr_block"))
                .containsExactlyInAnyOrder("10.0.1.0/24", "10.0.2.0/24");
        assertThat(subnets.values())
                .allSatisfy(s -> assertThat(s)
                        .containsEntry("map_public_ip_on_launch", true)
                        .containsEntry("vpc_id", "aws_vpc.main.id"));
        // hcl4j folds the index away, so the zones are checked in the source
        assertThat(tf.sources().get("network.tf"))
                .contains("available.names[0]")
                .contains("available.names[1]");

        assertThat(tf.all("resource", "aws_internet_gateway")).containsKey("main");
        Map<String, Object> route =
                blocks(tf.resource("aws_route_table", "public"), "route").get(0);
        assertThat(route)
                .containsEntry("cidr_block", "0.0.0.0/0")
                .containsEntry("gateway_id", "aws_internet_gateway.main.id");
        assertThat(tf.all("resource", "aws_route_table_association").values())
                .extracting(a -> a.get("subnet_id"))
                .containsExactlyInAnyOrder("aws_subnet.public_a.id", "aws_subnet.public_b.id");
    }

    @Test
    void adminPortsAreOpenOnlyToTheAdminCidr() {
        for (Map.Entry<String, Map<String, Object>> sg :
                tf.all("resource", "aws_security_group").entrySet()) {
            for (Map<String, Object> rule : blocks(sg.getValue(), "ingress")) {
                List<String> cidrs = strings(rule.get("cidr_blocks"));
                assertThat(rule).as(sg.getKey() + " ingress " + rule).doesNotContainKey("ipv6_cidr_blocks");
                if (ADMIN_PORTS.contains(rule.get("from_port")) || ADMIN_PORTS.contains(rule.get("to_port"))) {
                    assertThat(cidrs)
                            .as(sg.getKey() + " port " + rule.get("from_port"))
                            .containsExactly("var.admin_cidr");
                }
                if (cidrs.contains("0.0.0.0/0")) {
                    assertThat(sg.getKey())
                            .as("only the app host has a public port")
                            .isEqualTo("app");
                    assertThat(rule.get("from_port"))
                            .as(sg.getKey() + ": only nginx's port is public")
                            .isEqualTo(80.0);
                    assertThat(rule.get("to_port")).isEqualTo(80.0);
                }
            }
        }
        assertThat(tf.sources().get("variables.tf")).contains("var.admin_cidr != \"0.0.0.0/0\"");
        assertThat(map(tf.section("variable").get("admin_cidr"))).doesNotContainKey("default");
    }

    @Test
    void exporterAndMonitorApiAreReachableOnlyFromInsideTheVpc() {
        Map<String, Object> monitor = tf.resource("aws_security_group", "monitor");
        assertThat(blocks(monitor, "ingress"))
                .filteredOn(r -> r.get("from_port").equals(9100.0) || "var.monitor_api_port".equals(r.get("from_port")))
                .hasSize(2)
                .allSatisfy(r -> assertThat(strings(r.get("cidr_blocks"))).containsExactly("aws_vpc.main.cidr_block"));
        assertThat(blocks(tf.resource("aws_security_group", "app"), "ingress"))
                .filteredOn(r -> r.get("from_port").equals(9100.0) || "var.app_port".equals(r.get("from_port")))
                .hasSize(2)
                .allSatisfy(r -> assertThat(strings(r.get("cidr_blocks"))).containsExactly("aws_vpc.main.cidr_block"));
        assertThat(blocks(monitor, "ingress"))
                .noneMatch(r -> Double.valueOf(9093).equals(r.get("from_port")));
    }

    @Test
    void instancesRequireImdsV2EncryptRootVolumesAndUseTheTypeVariable() {
        Map<String, Map<String, Object>> instances = tf.all("resource", "aws_instance");
        assertThat(instances.keySet()).containsExactlyInAnyOrder("monitor", "app");
        for (Map<String, Object> i : instances.values()) {
            assertThat(i).containsEntry("instance_type", "var.instance_type");
            assertThat(map(i.get("metadata_options"))).containsEntry("http_tokens", "required");
            assertThat(map(i.get("root_block_device"))).containsEntry("encrypted", true);
            assertThat(String.valueOf(i.get("iam_instance_profile"))).startsWith("aws_iam_instance_profile.");
            assertThat(map(i.get("tags"))).containsEntry("Project", "var.project");
        }
        assertThat(instances.get("monitor").get("subnet_id"))
                .isNotEqualTo(instances.get("app").get("subnet_id"));
        assertThat(map(tf.section("variable").get("instance_type"))).containsEntry("default", "t2.micro");
        Map<String, Object> provider = map(tf.section("provider").get("aws"));
        assertThat(map(map(provider.get("default_tags")).get("tags"))).containsEntry("Project", "var.project");
    }

    @Test
    void monitorPolicyIsLeastPrivilege() {
        List<Map<String, Object>> statements =
                blocks(tf.all("data", "aws_iam_policy_document").get("monitor"), "statement");
        assertThat(statements).isNotEmpty();
        for (Map<String, Object> s : statements) {
            List<String> actions = strings(s.get("actions"));
            List<String> resources = strings(s.get("resources"));
            assertThat(actions)
                    .as(s.get("sid") + "")
                    .noneMatch(a -> a.endsWith(":*") || a.equals("*") || a.startsWith("iam:"));
            assertThat(s.get("effect")).isNotEqualTo("Deny");
            for (String a : actions) {
                if (a.startsWith("cloudwatch:")) {
                    assertThat(a).matches("cloudwatch:(Get|List|Describe)\\w+");
                }
                if (a.matches("ec2:(Reboot|Start|Stop)Instances|ec2:ModifyInstanceAttribute")
                        || a.equals("ssm:SendCommand") && resources.stream().anyMatch(r -> r.contains(":instance/"))) {
                    Map<String, Object> c = blocks(s, "condition").get(0);
                    assertThat(c)
                            .containsEntry("test", "StringEquals")
                            .containsEntry("variable", "aws:ResourceTag/Project");
                    assertThat(strings(c.get("values"))).containsExactly("var.project");
                }
                if (a.equals("s3:GetObject") || a.equals("s3:PutObject")) {
                    assertThat(resources)
                            .allMatch(r -> r.matches(
                                    "aws_s3_bucket\\.(models|logs)\\.arn/(models|audit|deploy|artifacts)/\\*"));
                }
                if (a.startsWith("sns:")) {
                    assertThat(a).isEqualTo("sns:Publish");
                    assertThat(resources).containsExactly("aws_sns_topic.alerts.arn");
                }
                if (a.equals("s3:PutObject")) {
                    assertThat(resources)
                            .containsExactlyInAnyOrder(
                                    "aws_s3_bucket.models.arn/models/*", "aws_s3_bucket.logs.arn/audit/*");
                }
            }
            if (resources.contains("*")) {
                assertThat(actions).allMatch(a -> a.matches("(cloudwatch|ec2|ssm):(Get|List|Describe)\\w+"));
            }
        }
        assertThat(statements)
                .flatExtracting(s -> strings(s.get("actions")))
                .contains(
                        "ec2:RebootInstances",
                        "ec2:StopInstances",
                        "ec2:ModifyInstanceAttribute",
                        "sns:Publish",
                        "ssm:SendCommand",
                        "cloudwatch:GetMetricData");
        assertThat(blocks(tf.all("data", "aws_iam_policy_document").get("app"), "statement"))
                .flatExtracting(s -> strings(s.get("actions")))
                .containsOnly("s3:GetObject");
    }

    @Test
    void bucketsAreVersionedEncryptedAndPrivate() {
        assertThat(tf.all("resource", "aws_s3_bucket").keySet()).containsExactlyInAnyOrder("models", "logs");
        for (String b : List.of("models", "logs")) {
            assertThat(map(tf.resource("aws_s3_bucket_versioning", b).get("versioning_configuration")))
                    .containsEntry("status", "Enabled");
            Map<String, Object> rule = map(tf.resource("aws_s3_bucket_server_side_encryption_configuration", b)
                    .get("rule"));
            assertThat(map(rule.get("apply_server_side_encryption_by_default"))).containsKey("sse_algorithm");
            assertThat(tf.resource("aws_s3_bucket_public_access_block", b))
                    .containsEntry("block_public_acls", true)
                    .containsEntry("block_public_policy", true)
                    .containsEntry("ignore_public_acls", true)
                    .containsEntry("restrict_public_buckets", true);
            assertThat(tf.resource("aws_s3_bucket_policy", b)).containsKey("policy");
        }
        assertThat(tf.sources().get("s3.tf")).contains("var.kms_key_arn == null ? \"AES256\" : \"aws:kms\"");
    }

    @Test
    void userDataInstallsTheStackAsRestartingSystemdUnits() {
        String monitor = String.valueOf(tf.resource("aws_instance", "monitor").get("user_data"));
        String app = String.valueOf(tf.resource("aws_instance", "app").get("user_data"));
        assertThat(monitor)
                .startsWith("#!/bin/bash\n")
                .contains("export SCO_ROLE='monitor'")
                .contains("java-17-amazon-corretto-headless")
                .contains("install_prometheus_release prometheus")
                .contains("install_prometheus_release alertmanager")
                .contains("install_prometheus_release node_exporter")
                .contains("dnf install -y -q grafana")
                .contains("Restart=on-failure")
                .contains("deploy/prometheus")
                .contains("deploy/alertmanager")
                .contains("deploy/grafana/provisioning")
                .contains("start_units node_exporter prometheus alertmanager grafana-server");
        assertThat(app)
                .startsWith("#!/bin/bash\n")
                .contains("export SCO_ROLE='app'")
                .contains("sco-app.jar")
                .contains("install_node_exporter")
                .contains("Restart=on-failure")
                .doesNotContain("install_grafana")
                .contains("dnf install -y -q nginx")
                .contains("start_units node_exporter nginx");
        // the monitor's NginxDown policy restarts nginx on the app host: the sudo rule must allow it
        assertThat(strings(map(tf.section("variable").get("restartable_units")).get("default")))
                .contains("nginx");
        assertThat(monitor + app).doesNotContain("AKIA").doesNotContain("aws_secret_access_key");
        // EC2 refuses user data over 16 KB; the interpolated values (token, password, addresses) are
        // about as long as the reference text standing for them here, so keep a margin
        assertThat(monitor.length()).as("monitor user data bytes").isLessThan(14_000);
        assertThat(app.length()).as("app user data bytes").isLessThan(14_000);
    }

    @Test
    void monitorUserDataMatchesTheDeployFolder() throws Exception {
        String monitor = String.valueOf(tf.resource("aws_instance", "monitor").get("user_data"));
        // deploy/ addresses the hosts as "monitor" and "app" and Alertmanager as monitor:9093
        assertThat(monitor)
                .contains("export SCO_APP_IP='local.app_ip'")
                .contains("127.0.0.1 monitor")
                .contains("--web.listen-address=127.0.0.1:9093")
                .contains("/var/lib/grafana/dashboards")
                .contains("/etc/prometheus/sco-token");
        Path deploy = TerraformModel.DIR.getParent().resolve("deploy");
        for (String used : List.of(
                "prometheus/prometheus.yml",
                "alertmanager/alertmanager.yml",
                "grafana/provisioning",
                "grafana/dashboards")) {
            assertThat(deploy.resolve(used))
                    .as("deploy/" + used + " used by the monitor's user data")
                    .exists();
        }
        String prometheus = Files.readString(deploy.resolve("prometheus/prometheus.yml"));
        assertThat(prometheus).contains("monitor:9093").contains("/etc/prometheus/sco-token");
        assertThat(Files.readString(deploy.resolve("grafana/provisioning/dashboards/smartcloudops.yml")))
                .contains("/var/lib/grafana/dashboards");
    }

    /**
     * deploy/sco/monitor.yml's checkpoint store and audit archive write into the deployment's
     * buckets under the prefixes the monitor's role may write (the user data fills the bucket
     * placeholders from these exports), and destroy keeps the archived audit log unless told to.
     */
    @Test
    void theMonitorsStoresWriteTheBucketsItsRoleMayAndDestroyKeepsTheAuditArchive() throws Exception {
        String monitor = String.valueOf(tf.resource("aws_instance", "monitor").get("user_data"));
        assertThat(monitor)
                .contains("export SCO_MODELS_BUCKET='local.models_bucket'")
                .contains("export SCO_LOGS_BUCKET='local.logs_bucket'");
        String config = Files.readString(TerraformModel.DIR.getParent().resolve("deploy/sco/monitor.yml"));
        assertThat(config)
                .containsPattern("checkpoints: \\{store: s3, bucket: '@SCO_MODELS_BUCKET@', model: monitor\\b")
                .containsPattern("archive: \\{store: s3, bucket: '@SCO_LOGS_BUCKET@'");
        List<String> writable = blocks(tf.all("data", "aws_iam_policy_document").get("monitor"), "statement").stream()
                .filter(s -> strings(s.get("actions")).contains("s3:PutObject"))
                .flatMap(s -> strings(s.get("resources")).stream())
                .toList();
        // S3CheckpointStore writes models/<model>/, S3AuditArchiver audit/ (no prefix set in monitor.yml)
        assertThat(writable).contains("aws_s3_bucket.models.arn/models/*", "aws_s3_bucket.logs.arn/audit/*");
        assertThat(tf.resource("aws_s3_bucket", "logs")).containsEntry("force_destroy", "var.destroy_audit_archive");
        assertThat(map(tf.section("variable").get("destroy_audit_archive"))).containsEntry("default", false);
    }

    @Test
    void outputsGiveTheThreeUrls() {
        Map<String, Object> outputs = tf.section("output");
        assertThat(map(outputs.get("grafana_url")).get("value"))
                .isEqualTo("http://aws_instance.monitor.public_ip:3000");
        assertThat(map(outputs.get("prometheus_url")).get("value"))
                .isEqualTo("http://aws_instance.monitor.public_ip:9090");
        assertThat(map(outputs.get("app_url")).get("value"))
                .as("nginx on 80")
                .isEqualTo("http://aws_instance.app.public_ip");
        // DEPLOY.md's `aws ssm start-session --target "$(terraform output -raw monitor_instance_id)"`
        assertThat(map(outputs.get("monitor_instance_id")).get("value")).isEqualTo("aws_instance.monitor.id");
        assertThat(map(outputs.get("app_instance_id")).get("value")).isEqualTo("aws_instance.app.id");
    }

    @Test
    void grafanaAdminPasswordIsRandomFromTerraformAndReachesOnlyGrafana() throws Exception {
        Map<String, Object> password = tf.resource("random_password", "grafana_admin");
        assertThat(((Number) password.get("length")).intValue()).isGreaterThanOrEqualTo(20);
        // letters and digits only: the user data's values must hold no quote or space
        assertThat(password).containsEntry("special", false);
        String monitor = String.valueOf(tf.resource("aws_instance", "monitor").get("user_data"));
        String app = String.valueOf(tf.resource("aws_instance", "app").get("user_data"));
        assertThat(tf.sources().get("compute.tf"))
                .contains("export GRAFANA_ADMIN_PASSWORD='${random_password.grafana_admin.result}'");
        assertThat(monitor)
                .contains("export GRAFANA_ADMIN_PASSWORD=")
                .contains("write_secret /etc/grafana/admin-password grafana \"$GRAFANA_ADMIN_PASSWORD\"")
                .contains("Environment=GF_SECURITY_ADMIN_PASSWORD__FILE=/etc/grafana/admin-password");
        assertThat(app).as("the app host never sees Grafana's password").doesNotContain("GRAFANA_ADMIN_PASSWORD");
        Map<String, Object> output = map(tf.section("output").get("grafana_admin_password"));
        assertThat(output)
                .containsEntry("value", "random_password.grafana_admin.result")
                .containsEntry("sensitive", true);
        Path root = TerraformModel.DIR.getParent();
        for (Path f : List.of(
                root.resolve("docs/DEPLOY.md"),
                root.resolve("README.md"),
                TerraformModel.DIR.resolve("user-data/monitor.sh"))) {
            assertThat(Files.readString(f))
                    .as(f + " names no default Grafana password")
                    .doesNotContain("admin123")
                    .doesNotContainPattern("`admin` / `admin`|admin/admin\\b(?!123)");
        }
    }

    @Test
    void aMonthlyBudgetWarnsAtTheSeedsOneDollarByEmailOrSns() {
        Map<String, Object> budget = tf.resource("aws_budgets_budget", "monthly");
        assertThat(budget)
                .containsEntry("budget_type", "COST")
                .containsEntry("time_unit", "MONTHLY")
                .containsEntry("limit_unit", "USD");
        // hcl4j does not evaluate tostring(): the limit is checked in the source
        assertThat(tf.sources().get("billing.tf")).contains("limit_amount = tostring(var.budget_limit_usd)");
        Map<String, Object> variables = tf.section("variable");
        assertThat(((Number) map(variables.get("budget_limit_usd")).get("default")).doubleValue())
                .isEqualTo(1.0);
        assertThat(map(variables.get("budget_limit_usd"))).containsKey("validation");
        assertThat(strings(map(variables.get("budget_alert_emails")).get("default")))
                .isEmpty();
        assertThat(strings(map(variables.get("budget_sns_topic_arns")).get("default")))
                .isEmpty();
        // hcl4j does not expand dynamic blocks: the notifications are checked in the source
        String billing = tf.sources().get("billing.tf");
        assertThat(billing)
                .contains("subscriber_email_addresses = var.budget_alert_emails")
                .contains("subscriber_sns_topic_arns  = var.budget_sns_topic_arns")
                .contains("for_each = local.budget_subscribed ? local.budget_notifications : []")
                .contains("{ type = \"ACTUAL\", threshold = 80 }")
                .contains("{ type = \"ACTUAL\", threshold = 100 }")
                .contains("{ type = \"FORECASTED\", threshold = 100 }")
                .contains("threshold_type             = \"PERCENTAGE\"");
        Map<String, Object> vars =
                TerraformModel.parse(TerraformModel.DIR.resolve("free-tier.tfvars.example"), List.of());
        assertThat(((Number) vars.get("budget_limit_usd")).doubleValue()).isEqualTo(1.0);
        assertThat(strings(vars.get("budget_alert_emails"))).isNotEmpty();
    }

    @Test
    void everyResourceCarriesTheCostAllocationTags() {
        Map<String, Object> tags = map(
                map(map(tf.section("provider").get("aws")).get("default_tags")).get("tags"));
        assertThat(tags).containsEntry("Project", "var.project").containsEntry("CostCenter", "var.cost_center");
        assertThat(map(tf.section("variable").get("activate_cost_allocation_tags")))
                .containsEntry("default", false);
        String billing = tf.sources().get("billing.tf");
        assertThat(billing)
                .contains("resource \"aws_ce_cost_allocation_tag\" \"project\"")
                .contains("toset([\"Project\", \"CostCenter\"])")
                .contains("values = [format(\"user:Project$%s\", var.project)]");
    }

    @Test
    void theFreeTierExampleIsSafe() {
        Map<String, Object> vars =
                TerraformModel.parse(TerraformModel.DIR.resolve("free-tier.tfvars.example"), List.of());
        assertThat(vars).containsEntry("instance_type", "t2.micro");
        assertThat(String.valueOf(vars.get("admin_cidr"))).endsWith("/32").isNotEqualTo("0.0.0.0/0");
    }
}
