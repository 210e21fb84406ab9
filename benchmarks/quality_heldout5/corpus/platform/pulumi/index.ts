import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";

const config = new pulumi.Config("quillmint");
const dbPassword = config.requireSecret("dbPassword");
const replicaPassword = new random.RandomPassword("replica", { length: 32, special: false });

new aws.rds.Instance("ledger", {
  engine: "postgres",
  username: "ledger_admin",
  password: dbPassword,
  instanceClass: "db.r6g.large",
});
export const replicaPasswordLength = replicaPassword.result.apply((p) => p.length);
