"""The demo organization: a simulated AWS organization (moto, on a local port) with a realistic mix of
good and bad settings, so that a newcomer sees a whole audit with no AWS account.

Three accounts: the management account, a security account (GuardDuty's delegated administrator, owner
of the organization trail's bucket) and a production account that grew without a baseline. Building it
writes to the simulator only: the audit itself runs through the same read-only path as against AWS.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, cast

from seawall.errors import CloudError, UsageError
from seawall.processes import sigterm_deferred

HOME = "us-east-1"
SECOND = "eu-west-1"
_FAKE = {"AWS_ACCESS_KEY_ID": "demo", "AWS_SECRET_ACCESS_KEY": "demo"}


@dataclass(frozen=True, slots=True)
class DemoOrg:
    endpoint: str
    management: str
    security: str
    production: str


@contextlib.contextmanager
def demo_environment() -> Iterator[DemoOrg]:
    """Start the simulator, build the organization, point boto3 at it; undo all of it on exit."""
    saved = {
        k: os.environ.get(k)
        for k in (
            *_FAKE,
            "AWS_ENDPOINT_URL",
            "AWS_PROFILE",
            "AWS_SESSION_TOKEN",
            "AWS_DEFAULT_REGION",
            "MOTO_EC2_LOAD_DEFAULT_AMIS",
        )
    }
    with simulator() as endpoint:
        try:
            os.environ.update(
                _FAKE, AWS_ENDPOINT_URL=endpoint, AWS_DEFAULT_REGION=HOME, MOTO_EC2_LOAD_DEFAULT_AMIS="false"
            )
            os.environ.pop("AWS_PROFILE", None)
            os.environ.pop("AWS_SESSION_TOKEN", None)
            yield build_organization(endpoint)
        finally:
            _restore(saved)


class _Shared:
    """The one demo organization of this process and how many are using it."""

    lock = threading.Lock()
    users = 0
    stack: contextlib.ExitStack | None = None
    demo: DemoOrg | None = None


@contextlib.contextmanager
def shared_demo_environment() -> Iterator[DemoOrg]:
    """``demo_environment``, started once however many scanners ask for it at the same time (``seawall
    check --demo`` runs the audit and the inventory together against one simulated organization; the
    environment variables it sets are the process's, so two could not coexist). The last user out stops
    it."""
    with _Shared.lock:
        if _Shared.users == 0:
            stack = contextlib.ExitStack()
            _Shared.demo = stack.enter_context(demo_environment())
            _Shared.stack = stack
        _Shared.users += 1
        demo = cast(DemoOrg, _Shared.demo)  # set above, under the lock
    try:
        yield demo
    finally:
        with _Shared.lock:
            _Shared.users -= 1
            if _Shared.users == 0 and _Shared.stack is not None:
                _Shared.stack.close()
                _Shared.stack, _Shared.demo = None, None


def _restore(saved: dict[str, str | None]) -> None:
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@contextlib.contextmanager
def simulator(start_timeout: float = 30.0) -> Iterator[str]:
    """A moto server in a process of its own (its own core, not this interpreter's); yields its URL. The
    server ends with this process, however this process ends (``seawall.aws.simulator``). One started
    ahead by ``started_early`` is taken instead of starting another."""
    _require_moto()
    server, endpoint = _Early.take() or _launch()
    try:
        _wait_ready(server, endpoint, start_timeout)
        yield endpoint
    finally:
        _stop(server)


class _Early:
    """The simulator ``started_early`` started, until ``simulator`` takes it."""

    lock = threading.Lock()
    waiting: tuple[subprocess.Popen[bytes], str] | None = None

    @classmethod
    def take(cls) -> tuple[subprocess.Popen[bytes], str] | None:
        with cls.lock:
            taken, cls.waiting = cls.waiting, None
        return taken


@contextlib.contextmanager
def started_early() -> Iterator[None]:
    """Start the simulator now, for the next ``simulator()`` of this process to take: ``seawall check
    --demo`` starts it before the secrets scan, which runs alone, so that the simulator's start (moto's
    imports, its backends made ready by ``seawall.aws.simulator.warm``) runs on the other core
    meanwhile. It only starts a process, never a thread (the secrets scan forks). One nobody took is
    stopped on leaving; without moto it does nothing (the demo itself then says what to install)."""
    mine = False
    if importlib.util.find_spec("moto") is not None:
        with _Early.lock:
            if _Early.waiting is None:
                _Early.waiting, mine = _launch(), True
    try:
        yield
    finally:
        left = _Early.take() if mine else None
        if left is not None:
            _stop(left[0])


def _require_moto() -> None:
    if importlib.util.find_spec("moto") is None:
        raise UsageError(
            "the demo needs the simulator: pip install 'seawall[demo]'", hint="then run the command again"
        )


def _launch() -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "MOTO_EC2_LOAD_DEFAULT_AMIS": "false"}
    with sigterm_deferred():  # never a started simulator that this process has not taken note of
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "seawall.aws.simulator",
                str(os.getpid()),
                "-H",
                "127.0.0.1",
                "-p",
                str(port),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
    return server, f"http://127.0.0.1:{port}"


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Terminate, then kill if it lingers or if seawall is interrupted again while waiting."""
    try:
        server.terminate()
        server.wait(timeout=10)
    except BaseException:
        server.kill()
        server.wait()
        if not isinstance(sys.exc_info()[1], subprocess.TimeoutExpired):
            raise


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_ready(server: subprocess.Popen[bytes], endpoint: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CloudError(f"the simulator exited at start (code {server.returncode})")
        try:
            with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1):  # noqa: S310 - our own http URL
                return
        except OSError:
            time.sleep(0.05)
    raise CloudError(f"the simulator did not answer within {timeout:.0f} s")


class World:
    """Unguarded clients that build the simulated world (never used against AWS)."""

    def __init__(self, endpoint: str) -> None:
        import boto3

        self.endpoint = endpoint
        self.root = self._guarded_s3control(
            boto3.Session(region_name=HOME, aws_access_key_id="demo", aws_secret_access_key="demo")  # noqa: S106
        )
        self._sessions: dict[str, Any] = {}
        self._clients: dict[tuple[str | None, str, str], Any] = {}
        self._lock = threading.Lock()  # botocore does not make clients safely from several threads

    def client(self, account: str | None, service: str, region: str = HOME) -> Any:
        key = (account, service, region)
        with self._lock:
            if key not in self._clients:
                session = self.root if account is None else self._session(account)
                self._clients[key] = session.client(service, region_name=region, endpoint_url=self.endpoint)
            return self._clients[key]

    def _session(self, account: str) -> Any:
        import boto3

        if account not in self._sessions:
            sts = self.root.client("sts", endpoint_url=self.endpoint)
            role = f"arn:aws:iam::{account}:role/OrganizationAccountAccessRole"
            c = sts.assume_role(RoleArn=role, RoleSessionName="seawall-demo")["Credentials"]
            self._sessions[account] = self._guarded_s3control(
                boto3.Session(
                    region_name=HOME,
                    aws_access_key_id=c["AccessKeyId"],
                    aws_secret_access_key=c["SecretAccessKey"],
                    aws_session_token=c["SessionToken"],
                )
            )
        return self._sessions[account]

    @staticmethod
    def _guarded_s3control(session: Any) -> Any:
        from seawall.aws.session import local_s3control

        session.events.register("before-send.s3-control.*", local_s3control)
        return session


def build_organization(endpoint: str) -> DemoOrg:
    world = World(endpoint)
    org = world.client(None, "organizations")
    org.create_organization(FeatureSet="ALL")
    management = org.describe_organization()["Organization"]["MasterAccountId"]
    security = _create_account(org, "security", "security@example.com")
    production = _create_account(org, "production", "prod@example.com")
    demo = DemoOrg(endpoint, management, security, production)
    _delegate(world, demo)
    # The parts are independent: built at the same time, the simulator's work on one overlaps this
    # process's on another (one after the other, each side waited for the other, half the time).
    parts = (_trail, _config, _guardduty, _iam, _storage, _compute, _contacts)
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="seawall-demo") as pool:
        for built in [pool.submit(part, world, demo) for part in parts]:
            built.result()
    return demo


def _create_account(org: Any, name: str, email: str) -> str:
    status = org.create_account(AccountName=name, Email=email)["CreateAccountStatus"]
    return str(status["AccountId"])


def _delegate(world: World, demo: DemoOrg) -> None:
    org = world.client(None, "organizations")
    org.register_delegated_administrator(AccountId=demo.security, ServicePrincipal="guardduty.amazonaws.com")
    world.client(None, "guardduty").enable_organization_admin_account(AdminAccountId=demo.security)


def _trail(world: World, demo: DemoOrg) -> None:
    """The organization trail writes to a bucket in the security account: well set up, but no Insights,
    no Lambda data events and no Glacier lifecycle. Production keeps an old trail of its own (cost)."""
    bucket = f"acme-org-trail-{demo.security}"
    s3 = world.client(demo.security, "s3")
    s3.create_bucket(Bucket=bucket, ObjectLockEnabledForBucket=True)
    kms = world.client(demo.security, "kms")
    key = kms.create_key(Description="organization trail")["KeyMetadata"]["Arn"]
    kms.enable_key_rotation(KeyId=key)  # the security account is the well-kept one
    s3.put_bucket_encryption(
        Bucket=bucket,
        ServerSideEncryptionConfiguration={
            "Rules": [
                {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key}}
            ]
        },
    )
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration=_ALL_BLOCKED)
    s3.create_bucket(Bucket=f"acme-access-logs-{demo.security}", ACL="log-delivery-write")
    s3.put_bucket_logging(
        Bucket=bucket,
        BucketLoggingStatus={
            "LoggingEnabled": {"TargetBucket": f"acme-access-logs-{demo.security}", "TargetPrefix": "trail/"}
        },
    )
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(_trail_policy(bucket)))
    world.client(demo.security, "s3control").put_public_access_block(
        AccountId=demo.security, PublicAccessBlockConfiguration=_ALL_BLOCKED
    )
    logs = world.client(None, "logs")
    logs.create_log_group(logGroupName="org-trail")
    group = logs.describe_log_groups(logGroupNamePrefix="org-trail")["logGroups"][0]["arn"]
    role = world.client(None, "iam").create_role(RoleName="trail-to-logs", AssumeRolePolicyDocument="{}")[
        "Role"
    ]["Arn"]
    trail = world.client(None, "cloudtrail")
    trail.create_trail(
        Name="org-trail",
        S3BucketName=bucket,
        IsMultiRegionTrail=True,
        IsOrganizationTrail=True,
        EnableLogFileValidation=True,
        KmsKeyId=key,
        CloudWatchLogsLogGroupArn=group,
        CloudWatchLogsRoleArn=role,
    )
    trail.start_logging(Name="org-trail")
    trail.put_event_selectors(
        TrailName="org-trail",
        EventSelectors=[
            {
                "ReadWriteType": "All",
                "IncludeManagementEvents": True,
                "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}],
            }
        ],
    )
    prod_bucket = f"acme-prod-trail-{demo.production}"
    world.client(demo.production, "s3").create_bucket(Bucket=prod_bucket)
    old = world.client(demo.production, "cloudtrail")
    old.create_trail(Name="prod-trail-2021", S3BucketName=prod_bucket)
    old.start_logging(Name="prod-trail-2021")


_ALL_BLOCKED = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}


def _trail_policy(bucket: str) -> dict[str, Any]:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "DenyInsecureTransport",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            },
            {
                "Sid": "CloudTrailAclCheck",
                "Effect": "Allow",
                "Principal": {"Service": "cloudtrail.amazonaws.com"},
                "Action": "s3:GetBucketAcl",
                "Resource": f"arn:aws:s3:::{bucket}",
            },
            {
                "Sid": "CloudTrailWrite",
                "Effect": "Allow",
                "Principal": {"Service": "cloudtrail.amazonaws.com"},
                "Action": "s3:PutObject",
                "Resource": f"arn:aws:s3:::{bucket}/AWSLogs/*",
                "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}},
            },
        ],
    }


def _config(world: World, demo: DemoOrg) -> None:
    """Config records in the home region of the management and security accounts; production has none,
    and no region beyond the home one records at all. The security account aggregates the organization."""
    for account in (demo.management, demo.security):
        config = world.client(account, "config")
        config.put_configuration_recorder(
            ConfigurationRecorder={
                "name": "default",
                "roleARN": f"arn:aws:iam::{account}:role/config-recorder",
                "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": True},
            }
        )
        world.client(account, "s3").create_bucket(Bucket=f"acme-config-{account}")
        config.put_delivery_channel(
            DeliveryChannel={"name": "default", "s3BucketName": f"acme-config-{account}"}
        )
        config.start_configuration_recorder(ConfigurationRecorderName="default")
    world.client(demo.security, "config").put_configuration_aggregator(
        ConfigurationAggregatorName="organization",
        OrganizationAggregationSource={
            "RoleArn": f"arn:aws:iam::{demo.security}:role/config-aggregator",
            "AllAwsRegions": True,
        },
    )


def _guardduty(world: World, demo: DemoOrg) -> None:
    """GuardDuty in the two regions the team uses, in the management and security accounts; findings go to
    an SNS topic from the security account. Production and every other region have none."""
    for account in (demo.management, demo.security):
        for region in (HOME, SECOND):
            world.client(account, "guardduty", region).create_detector(Enable=True)
    topic = world.client(demo.security, "sns").create_topic(Name="guardduty-findings")["TopicArn"]
    events = world.client(demo.security, "events")
    events.put_rule(Name="guardduty-findings", EventPattern=json.dumps({"source": ["aws.guardduty"]}))
    events.put_targets(Rule="guardduty-findings", Targets=[{"Id": "sns", "Arn": topic}])


def _iam(world: World, demo: DemoOrg) -> None:
    """A strong password policy in the security account, a weak one in management, none in production;
    console users with and without MFA; a deployment user with an access key."""
    world.client(demo.security, "iam").update_account_password_policy(
        MinimumPasswordLength=16,
        RequireSymbols=True,
        RequireNumbers=True,
        RequireUppercaseCharacters=True,
        RequireLowercaseCharacters=True,
        PasswordReusePrevention=24,
        MaxPasswordAge=365,
    )
    world.client(demo.management, "iam").update_account_password_policy(MinimumPasswordLength=8)
    iam = world.client(demo.production, "iam")
    for user in ("alice", "bob"):
        iam.create_user(UserName=user)
        iam.create_login_profile(UserName=user, Password="Demo-password-1234!")  # noqa: S106
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice")["VirtualMFADevice"]["SerialNumber"]
    iam.enable_mfa_device(
        UserName="alice", SerialNumber=device, AuthenticationCode1="123456", AuthenticationCode2="654321"
    )
    iam.create_user(UserName="ci-deploy")
    iam.create_access_key(UserName="ci-deploy")


def _storage(world: World, demo: DemoOrg) -> None:
    """Production: a bucket left public for a marketing site, an uploads bucket with no TLS-only policy, an
    unencrypted public database beside an encrypted private one, and a KMS key without rotation."""
    s3 = world.client(demo.production, "s3")
    s3.create_bucket(Bucket=f"acme-marketing-{demo.production}")
    s3.put_bucket_acl(Bucket=f"acme-marketing-{demo.production}", ACL="public-read")
    s3.create_bucket(Bucket=f"acme-uploads-{demo.production}")
    rds = world.client(demo.production, "rds")
    for name, encrypted, public in (("legacy-db", False, True), ("orders-db", True, False)):
        rds.create_db_instance(
            DBInstanceIdentifier=name,
            DBInstanceClass="db.t3.micro",
            Engine="postgres",
            MasterUsername="app",
            MasterUserPassword="demo-password-123",
            AllocatedStorage=20,
            StorageEncrypted=encrypted,
            PubliclyAccessible=public,
        )
    world.client(demo.production, "kms").create_key(Description="application data")
    rotated = world.client(demo.security, "kms").create_key(Description="audit data")["KeyMetadata"]["KeyId"]
    world.client(demo.security, "kms").enable_key_rotation(KeyId=rotated)


def _compute(world: World, demo: DemoOrg) -> None:
    """Production: SSH open to the world, an unencrypted volume, one left unattached, an idle Elastic IP.
    The security account turned EBS default encryption on in its home region."""
    ec2 = world.client(demo.production, "ec2")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    group = ec2.create_security_group(GroupName="bastion", Description="bastion host", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=group,
        IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
        ],
    )
    ec2.create_volume(AvailabilityZone=f"{HOME}a", Size=50, Encrypted=False)
    ec2.allocate_address(Domain="vpc")
    world.client(demo.security, "ec2").enable_ebs_encryption_by_default()


def _contacts(world: World, demo: DemoOrg) -> None:
    for account in (demo.management, demo.security):
        world.client(account, "account").put_alternate_contact(
            AlternateContactType="SECURITY",
            EmailAddress="security@example.com",
            Name="Security team",
            PhoneNumber="+1-555-0100",
            Title="Security",
        )
