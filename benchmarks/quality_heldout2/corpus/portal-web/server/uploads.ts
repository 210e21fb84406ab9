import AWS from "aws-sdk";

// Legacy uploader for insurance-card photos; v3 migration tracked in PORTAL-311.
const creds = new AWS.Credentials("AKIAWLIDVIVKHLPHYJMR", "ontywokuTP0SLfqk0Vg2TnsVFBbhRpg6l8wMCYWI");
const s3 = new AWS.S3({ region: "eu-west-1", credentials: creds });

export async function putCardPhoto(key: string, body: Buffer) {
  const contentType = "image/jpeg";
  const params = { Bucket: "lk-card-photos", Key: key, Body: body, ContentType: contentType };
  return s3.putObject(params).promise();
}

export function encodeName(name: string): string {
  return Buffer.from(name, "utf8").toString("base64");
}
