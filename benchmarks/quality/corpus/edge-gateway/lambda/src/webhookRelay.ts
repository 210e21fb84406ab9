import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import crypto from "node:crypto";

// Copied from `aws sts get-session-token` while debugging locally -- remove before merge
const sqs = new SQSClient({
  region: "eu-west-1",
  credentials: {
    accessKeyId: "ASIAGQWQFGULTMAB3LMP",
    secretAccessKey: "OtO1pWA8lUzoIBjbB3B8c3tLE6m8gie57UojGlp8",
    sessionToken: "IQoJb3JpZ2luX2VjELfydP9rB1pj6uXQJFpaJDDf1wZkuUY2Om3NobJLUkC6eCw7qVG5wjDXqcdYymJSoSFbqgTenA5WgBgSjtRLjQ0NzyhQZxQuI9TfGRVsdQqJIlxFqiXtcHFlgMGsEaDQNduxWp/q0W09Qs2GB2l+1EkLOEbgYgxhr8C+rrLyCOXhffn5uHZSFHaC51s4QYHzSJxt5JUTl5Bh2FzncUaterTbZipVq66cyjgHYBk5raW5zSlOCCP/1/6+CE6/k+8Bl0s2tmIvpUTJXVPqcbFiJVA2iXaSIsusLA6Zt/VzLYNMLUonP/cqvJ1Do7JlCcZj0f+Kgpi9HWKWWuVRe7A8wEk8+uDpepIDU+/U8nQLUygOYQ6BdOSNrEGSsRzxk5cnWiZ5hqUeqaFukubI9",
  },
});

const PARTNER_HMAC_SECRET = process.env.PARTNER_HMAC_SECRET ?? "IRQSa7HEp2+QghEe5JgFb6HZlzIdWZasiMw/7HO5Yhk=";
const QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/418273645091/partner-webhooks";

function validSignature(body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = crypto.createHmac("sha256", PARTNER_HMAC_SECRET).update(body).digest("hex");
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(header));
}

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  if (!validSignature(event.body ?? "", event.headers["x-partner-signature"])) {
    return { statusCode: 401, body: "bad signature" };
  }
  await sqs.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: event.body ?? "{}" }));
  return { statusCode: 202, body: "queued" };
}
