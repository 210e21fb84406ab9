#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { FleetStack } from '../lib/fleet-stack';

const app = new App({
  context: {
    // used by the pipeline stack to poll the repository
    githubToken: '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',
    kmsCiphertext: 'AQICAHUrqeYv+pDZG8vhaPvYmL33qBzo+RRiFaC4fF6Shh0lk7+SARQP757cW1ZmpJo8avI3YRrde0F+VJM9G63UG8fsjbOlmZCP/u286D3VWgz/kdsdbM36LBEjarYYYLvRWKHhDdEroj2G/6b3OGCA7FQHFotpvoDShSpjuEfb4yqs0LRBlk9g0CqTaa2driY3Pbyv3G+XL3'
  }
});
new FleetStack(app, 'fleet-prod', { env: { account: '741839128994', region: 'eu-west-1' } });
