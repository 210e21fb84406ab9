"""Every resource type the inventory lists, against a moto world: identity, tags, creation, exposure,
encryption and the facts the flags judge (state, size, attachments, last use, backups)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from seawall.aws.assets.listers.ec2 import COLLECTORS as EC2
from seawall.aws.assets.model import GLOBAL, Asset, Gap
from seawall.model import Status
from tests.aws.assets.helpers import listed, of_type, one
from tests.aws.conftest import ACCOUNT, REGIONS, admin, moto_world

EAST, WEST = REGIONS
OWNER = [{"Key": "owner", "Value": "team-a"}]


@dataclass(frozen=True, slots=True)
class World:
    assets: list[Asset]
    gaps: list[Gap]
    ids: dict[str, str]


def _ec2(ids: dict[str, str]) -> None:
    ec2 = admin("ec2")
    running = ec2.run_instances(
        ImageId="ami-12345678",
        MinCount=1,
        MaxCount=1,
        TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "web"}, *OWNER]}],
    )["Instances"][0]
    ids["instance"] = running["InstanceId"]
    ids["image"] = ec2.create_image(InstanceId=ids["instance"], Name="golden")["ImageId"]
    ec2.modify_image_attribute(ImageId=ids["image"], LaunchPermission={"Add": [{"Group": "all"}]})
    loose = ec2.create_volume(AvailabilityZone=f"{EAST}a", Size=40, VolumeType="gp3", Encrypted=True)
    ids["loose"] = loose["VolumeId"]
    ids["public_snap"] = ec2.create_snapshot(VolumeId=ids["loose"])["SnapshotId"]
    ec2.modify_snapshot_attribute(
        SnapshotId=ids["public_snap"],
        Attribute="createVolumePermission",
        OperationType="add",
        GroupNames=["all"],
    )
    ids["private_snap"] = ec2.create_snapshot(VolumeId=ids["loose"])["SnapshotId"]
    ids["eip"] = ec2.allocate_address(Domain="vpc")["AllocationId"]
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    ids["idle_sg"] = ec2.create_security_group(GroupName="idle", Description="d", VpcId=vpc)["GroupId"]


def _network(ids: dict[str, str]) -> None:
    ec2 = admin("ec2")
    subnets = [s["SubnetId"] for s in ec2.describe_subnets()["Subnets"]][:2]
    elbv2 = admin("elbv2")
    lb = elbv2.create_load_balancer(Name="public-alb", Subnets=subnets, Scheme="internet-facing", Tags=OWNER)
    ids["alb"] = lb["LoadBalancers"][0]["LoadBalancerArn"]
    internal = elbv2.create_load_balancer(Name="inner-alb", Subnets=subnets, Scheme="internal")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    group = elbv2.create_target_group(Name="tg", Protocol="HTTP", Port=80, VpcId=vpc)["TargetGroups"][0]
    elbv2.register_targets(TargetGroupArn=group["TargetGroupArn"], Targets=[{"Id": ids["instance"]}])
    elbv2.create_listener(
        LoadBalancerArn=internal["LoadBalancers"][0]["LoadBalancerArn"],
        Protocol="HTTP",
        Port=80,
        DefaultActions=[{"Type": "forward", "TargetGroupArn": group["TargetGroupArn"]}],
    )
    admin("elb").create_load_balancer(
        LoadBalancerName="old-clb",
        Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 80}],
        AvailabilityZones=[f"{EAST}a"],
    )
    api = admin("apigateway")
    ids["rest"] = api.create_rest_api(name="orders", tags={"owner": "team-b"})["id"]
    root = api.get_resources(restApiId=ids["rest"])["items"][0]["id"]
    api.put_method(restApiId=ids["rest"], resourceId=root, httpMethod="GET", authorizationType="NONE")
    api.put_integration(restApiId=ids["rest"], resourceId=root, httpMethod="GET", type="MOCK")
    api.create_deployment(restApiId=ids["rest"], stageName="prod")
    ids["private_rest"] = api.create_rest_api(name="inner", endpointConfiguration={"types": ["PRIVATE"]})[
        "id"
    ]
    ids["http"] = admin("apigatewayv2").create_api(Name="hooks", ProtocolType="HTTP")["ApiId"]


def _compute(ids: dict[str, str]) -> None:
    role = admin("iam").create_role(
        RoleName="fn", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17"})
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return 1\n")
    admin("lambda").create_function(
        FunctionName="resize",
        Runtime="python3.12",
        Role=role["Role"]["Arn"],
        Handler="handler.handler",
        Code={"ZipFile": buffer.getvalue()},
        Tags={"owner": "team-c"},
    )
    admin("lambda").create_function_url_config(FunctionName="resize", AuthType="AWS_IAM")
    admin("lambda", WEST).create_function(
        FunctionName="hook",
        Runtime="python3.12",
        Role=role["Role"]["Arn"],
        Handler="handler.handler",
        Code={"ZipFile": buffer.getvalue()},
    )
    ids["hook_url"] = admin("lambda", WEST).create_function_url_config(FunctionName="hook", AuthType="NONE")[
        "FunctionUrl"
    ]
    admin("eks").create_cluster(
        name="apps",
        roleArn=role["Role"]["Arn"],
        resourcesVpcConfig={"subnetIds": [], "endpointPublicAccess": True},
        tags={"owner": "team-d"},
    )
    admin("ecs").create_cluster(clusterName="jobs", tags=[{"key": "owner", "value": "team-e"}])


def _data(ids: dict[str, str]) -> None:
    rds = admin("rds")
    rds.create_db_instance(
        DBInstanceIdentifier="shop",
        DBInstanceClass="db.t3.micro",
        Engine="postgres",
        MasterUsername="app",
        MasterUserPassword="password-123456",
        AllocatedStorage=20,
        StorageEncrypted=False,
        PubliclyAccessible=True,
        BackupRetentionPeriod=0,
        Tags=[{"Key": "data-classification", "Value": "personal"}],
    )
    rds.create_db_snapshot(DBSnapshotIdentifier="shop-copy", DBInstanceIdentifier="shop")
    rds.modify_db_snapshot_attribute(
        DBSnapshotIdentifier="shop-copy", AttributeName="restore", ValuesToAdd=["all"]
    )
    ddb = admin("dynamodb", WEST)
    ddb.create_table(
        TableName="events",
        KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
        Tags=[{"Key": "data-classification", "Value": "internal"}],
    )
    ddb.update_continuous_backups(
        TableName="events", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
    )
    s3 = admin("s3")
    s3.create_bucket(Bucket="site-assets")
    s3.put_bucket_acl(Bucket="site-assets", ACL="public-read")
    s3.put_bucket_tagging(Bucket="site-assets", Tagging={"TagSet": OWNER})
    admin("s3", WEST).create_bucket(
        Bucket="eu-archive", CreateBucketConfiguration={"LocationConstraint": WEST}
    )
    admin("s3", WEST).put_bucket_versioning(
        Bucket="eu-archive", VersioningConfiguration={"Status": "Enabled"}
    )


def _identity_and_edge(ids: dict[str, str]) -> None:
    iam = admin("iam")
    iam.create_user(UserName="deployer", Tags=OWNER)
    ids["key"] = iam.create_access_key(UserName="deployer")["AccessKey"]["AccessKeyId"]
    kms = admin("kms")
    ids["kms"] = kms.create_key(Description="app data", Tags=[{"TagKey": "owner", "TagValue": "team-f"}])[
        "KeyMetadata"
    ]["KeyId"]
    r53 = admin("route53")
    zone = r53.create_hosted_zone(Name="example.com", CallerReference="ref-1")["HostedZone"]["Id"]
    ids["zone"] = zone.rsplit("/", 1)[-1]
    r53.change_tags_for_resource(ResourceType="hostedzone", ResourceId=ids["zone"], AddTags=OWNER)
    cf = admin("cloudfront")
    dist = cf.create_distribution(
        DistributionConfig={
            "CallerReference": "ref-2",
            "Origins": {
                "Quantity": 1,
                "Items": [
                    {
                        "Id": "o",
                        "DomainName": "site-assets.s3.amazonaws.com",
                        "S3OriginConfig": {"OriginAccessIdentity": ""},
                    }
                ],
            },
            "DefaultCacheBehavior": {"TargetOriginId": "o", "ViewerProtocolPolicy": "allow-all", "MinTTL": 0},
            "Comment": "",
            "Enabled": True,
        }
    )
    ids["dist"] = dist["Distribution"]["Id"]


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    with moto_world():
        ids: dict[str, str] = {}
        for build in (_ec2, _network, _compute, _data, _identity_and_edge):
            build(ids)
        assets, gaps = listed()
        yield World(assets, gaps, ids)


def test_nothing_failed_to_list(world: World) -> None:
    assert world.gaps == []


def test_every_asset_names_its_account_and_a_known_region(world: World) -> None:
    assert {a.account_id for a in world.assets} == {ACCOUNT}
    assert {a.region for a in world.assets} <= {EAST, WEST, GLOBAL}


def test_instances_carry_their_public_ip_tags_and_state(world: World) -> None:
    web = one(world.assets, "ec2:instance", world.ids["instance"])
    assert web.public.startswith("public IP ")
    assert (web.name, web.tag("OWNER"), web.state) == ("web", "team-a", "running")
    assert web.arn.endswith(f":instance/{web.id}") and web.created is not None


def test_volumes_carry_size_type_encryption_and_attachments(world: World) -> None:
    loose = one(world.assets, "ec2:volume", world.ids["loose"])
    assert (loose.size_gib, loose.kind, loose.encrypted, loose.state, loose.attached) == (
        40,
        "gp3",
        True,
        "available",
        0,
    )
    root = [v for v in of_type(world.assets, "ec2:volume") if world.ids["instance"] in v.attached_to]
    assert len(root) == 1 and root[0].attached == 1


def test_snapshots_are_the_accounts_own_and_public_ones_say_so(world: World) -> None:
    public = one(world.assets, "ec2:snapshot", world.ids["public_snap"])
    private = one(world.assets, "ec2:snapshot", world.ids["private_snap"])
    assert public.public == "restorable by every AWS account" and private.public == ""
    assert {s.id for s in of_type(world.assets, "ec2:snapshot")} >= {public.id, private.id}


def test_public_amis_say_so(world: World) -> None:
    assert one(world.assets, "ec2:image", world.ids["image"]).public == "launchable by every AWS account"


def test_elastic_ips_and_security_groups_record_what_uses_them(world: World) -> None:
    assert one(world.assets, "ec2:eip", world.ids["eip"]).attached == 0
    idle = one(world.assets, "ec2:security-group", world.ids["idle_sg"])
    assert (idle.attached, idle.default) == (0, False)
    defaults = [g for g in of_type(world.assets, "ec2:security-group") if g.name == "default"]
    assert defaults and all(g.default for g in defaults)
    assert any(g.attached for g in defaults if g.region == EAST)  # the instance's interface uses it


def test_load_balancers_say_internet_facing_and_count_their_targets(world: World) -> None:
    public = one(world.assets, "elb:load-balancer", "public-alb")
    inner = one(world.assets, "elb:load-balancer", "inner-alb")
    assert (
        public.public.startswith("internet-facing")
        and public.attached == 0
        and public.tag("owner") == "team-a"
    )
    assert inner.public == "" and inner.attached == 1
    classic = one(world.assets, "elb:classic", "old-clb")
    assert classic.public.startswith("internet-facing") and classic.attached == 0


def test_apis_with_a_deployed_public_stage_are_internet_facing(world: World) -> None:
    rest = one(world.assets, "apigateway:rest-api", world.ids["rest"])
    assert "stages prod" in rest.public and rest.tag("owner") == "team-b"
    assert one(world.assets, "apigateway:rest-api", world.ids["private_rest"]).public == ""
    assert one(world.assets, "apigateway:api", world.ids["http"]).public != ""


def test_functions_and_clusters_carry_their_tags(world: World) -> None:
    assert one(world.assets, "lambda:function", "resize").tag("owner") == "team-c"
    eks = one(world.assets, "eks:cluster", "apps")
    assert eks.tag("owner") == "team-d" and eks.public.startswith("public API endpoint")
    assert one(world.assets, "ecs:cluster", "jobs").tag("owner") == "team-e"


def test_databases_and_their_snapshots(world: World) -> None:
    shop = one(world.assets, "rds:db", "shop")
    assert (shop.encrypted, shop.backup, shop.tag("data-classification")) == (False, "", "personal")
    assert shop.public.startswith("publicly accessible")
    snap = one(world.assets, "rds:snapshot", "shop-copy")
    assert snap.public == "restorable by every AWS account" and snap.backup == "snapshot"


def test_tables_carry_point_in_time_recovery_and_tags(world: World) -> None:
    table = one(world.assets, "dynamodb:table", "events")
    assert (table.region, table.backup, table.tag("data-classification")) == (
        WEST,
        "point-in-time recovery",
        "internal",
    )


def test_buckets_sit_in_their_own_region_with_exposure_tags_and_versioning(world: World) -> None:
    site = one(world.assets, "s3:bucket", "site-assets")
    assert (site.region, site.tag("owner"), site.backup) == (EAST, "team-a", "")
    assert site.public.startswith("anyone can read")
    archive = one(world.assets, "s3:bucket", "eu-archive")
    assert (archive.region, archive.public, archive.backup) == (WEST, "", "versioning")


def test_identities_keys_and_their_use(world: World) -> None:
    user = one(world.assets, "iam:user", "deployer")
    key = one(world.assets, "iam:access-key", world.ids["key"])
    assert (user.region, key.region, key.name, key.tag("owner"), key.state) == (
        GLOBAL,
        GLOBAL,
        "deployer",
        "team-a",
        "Active",
    )
    assert key.created is not None
    assert one(world.assets, "iam:role", "fn").last_used is None


def test_customer_keys_zones_and_distributions(world: World) -> None:
    key = one(world.assets, "kms:key", world.ids["kms"])
    assert (key.name, key.tag("owner"), key.default) == ("app data", "team-f", False)
    zone = one(world.assets, "route53:zone", world.ids["zone"])
    assert (zone.region, zone.kind, zone.tag("owner")) == (GLOBAL, "public", "team-a")
    dist = one(world.assets, "cloudfront:distribution", world.ids["dist"])
    assert dist.attached_to == ("site-assets.s3.amazonaws.com",) and "serves site-assets" in dist.public


def test_each_distribution_origin_is_an_internet_facing_item_with_its_domain(world: World) -> None:
    dist = one(world.assets, "cloudfront:distribution", world.ids["dist"])
    origin = one(world.assets, "cloudfront:origin", f"{world.ids['dist']}/o")
    assert (origin.region, origin.name, origin.kind, origin.attached_to) == (
        GLOBAL,
        "site-assets.s3.amazonaws.com",
        "s3",
        (world.ids["dist"],),
    )
    assert origin.public == f"origin site-assets.s3.amazonaws.com, served to the internet by {dist.name}"
    assert origin.tags == dist.tags  # an origin has no tags: its distribution's say who owns it


def test_function_urls_without_authentication_are_internet_facing(world: World) -> None:
    hook = one(world.assets, "lambda:function", "hook")
    assert hook.region == WEST
    assert hook.public == f"function URL {world.ids['hook_url']} with no authentication (AuthType NONE)"
    assert one(world.assets, "lambda:function", "resize").public == ""  # its URL needs IAM authentication


def test_a_type_that_fails_is_a_gap_row_and_the_others_are_still_listed(aws: None) -> None:
    from botocore.exceptions import ClientError

    from seawall.aws.assets.listers.base import Sink
    from tests.aws.conftest import GuardedClients

    clients = GuardedClients(ACCOUNT, EAST)
    sink = Sink(clients)
    ec2 = clients.client("ec2")
    sink.read(
        "ec2:snapshot",
        lambda: [
            ec2.describe_snapshot_attribute(SnapshotId="snap-00000000", Attribute="createVolumePermission")
        ],
    )
    sink.read("ec2:volume", lambda: [])
    assert [(g.type, g.region, g.status) for g in sink.gaps] == [("ec2:snapshot", EAST, Status.ERROR)]
    assert "ec2:snapshot in us-east-1" in sink.gaps[0].reason
    with pytest.raises(ClientError):
        ec2.describe_snapshot_attribute(SnapshotId="snap-00000000", Attribute="createVolumePermission")


def test_other_owners_snapshots_are_left_out(aws: None) -> None:
    ec2 = admin("ec2")
    volume = ec2.create_volume(AvailabilityZone=f"{EAST}a", Size=1)["VolumeId"]
    ec2.create_snapshot(VolumeId=volume)
    assets, _ = listed(EC2, (EAST,), account_id="210987654321")  # another account's view of this one
    assert of_type(assets, "ec2:snapshot") == []
