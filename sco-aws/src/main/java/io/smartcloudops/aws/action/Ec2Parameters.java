package io.smartcloudops.aws.action;

import io.smartcloudops.api.action.ParameterSpec;

/** Parameter specs shared by the EC2 actions. */
final class Ec2Parameters {
    static final ParameterSpec INSTANCE_ID =
            ParameterSpec.required("instance_id", "i-[0-9a-f]{8,17}", "EC2 instance id");

    /** Family, optional generation/attributes, dot, size: t3.micro, m5d.2xlarge, u-6tb1.metal. */
    static final ParameterSpec INSTANCE_TYPE = ParameterSpec.required(
            "instance_type", "[a-z][a-z0-9-]{0,15}\\.[a-z0-9-]{1,16}", "EC2 instance type, like t3.small");

    /** EC2 answers a dry run that would have succeeded with this error code. */
    static final String DRY_RUN_OK = "DryRunOperation";

    private Ec2Parameters() {}
}
