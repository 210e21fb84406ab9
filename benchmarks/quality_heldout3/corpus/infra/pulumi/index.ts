import * as aws from '@pulumi/aws';
import * as cloudflare from '@pulumi/cloudflare';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';

const config = new pulumi.Config('portolan');
const dbPassword = config.requireSecret('dbPassword');
const domain = config.require('domain');

const cf = new cloudflare.Provider('cf', { apiToken: config.requireSecret('cloudflareToken') });

const zone = new cloudflare.Zone('portolan', { account: { id: 'ed46ae57962f0316c26b8957164601b4' }, name: domain }, { provider: cf });

const analytics = new aws.rds.Instance('analytics-replica', {
  engine: 'postgres',
  engineVersion: '16.2',
  instanceClass: 'db.r6g.large',
  allocatedStorage: 200,
  username: 'analytics',
  password: '9kv4ptiNmhR0lRnESq+3lA',
  skipFinalSnapshot: false,
});

const booking = new aws.rds.Instance('booking', {
  engine: 'postgres',
  instanceClass: 'db.t4g.medium',
  allocatedStorage: 50,
  username: 'booking',
  password: dbPassword,
});

const grafanaAdmin = new random.RandomPassword('grafana-admin', { length: 24, special: true });

export const analyticsEndpoint = analytics.endpoint;
export const bookingEndpoint = booking.endpoint;
export const grafanaPassword = pulumi.secret(grafanaAdmin.result);
export const zoneId = zone.id;
