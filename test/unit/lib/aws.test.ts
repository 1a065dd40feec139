import { describe, expect, it } from '@jest/globals';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { setActionName } from '../../../src/lib/action-name.js';
import { clientConfig, createClient } from '../../../src/lib/aws.js';
import { errorCode, isThrottlingError } from '../../../src/lib/aws-errors.js';
import { PACK_NAME, PACK_VERSION } from '../../../src/lib/version.js';

describe('clientConfig', () => {
  it('names the pack and action in the user agent and retries six times by default', () => {
    const config = clientConfig({}, {}, 'ecs-deploy');
    expect(config.customUserAgent).toEqual([
      [PACK_NAME, PACK_VERSION],
      [`${PACK_NAME}-action`, 'ecs-deploy'],
    ]);
    expect(config.maxAttempts).toBe(6);
    expect(config.retryMode).toBe('standard');
    expect(config.region).toBeUndefined();
  });
  it('honours the standard retry variables over the tuning', () => {
    const config = clientConfig(
      { AWS_MAX_ATTEMPTS: '2', AWS_RETRY_MODE: 'adaptive' },
      { maxAttempts: 9 },
    );
    expect(config.maxAttempts).toBe(2);
    expect(config.retryMode).toBe('adaptive');
    expect(clientConfig({ AWS_MAX_ATTEMPTS: 'lots' }, { maxAttempts: 9 }).maxAttempts).toBe(9);
  });
  it('falls back to AWS_DEFAULT_REGION only when AWS_REGION is unset', () => {
    expect(clientConfig({ AWS_DEFAULT_REGION: 'eu-west-1' }).region).toBe('eu-west-1');
    expect(
      clientConfig({ AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'eu-west-1' }).region,
    ).toBeUndefined();
  });
  it('keeps the version equal to package.json', () => {
    expect(PACK_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});

describe('createClient', () => {
  it('reaches the endpoint from AWS_ENDPOINT_URL_<SERVICE> and sends the pack user agent', async () => {
    const seen: { url?: string; agent?: string; target?: string } = {};
    const server = createServer((req, res) => {
      seen.url = req.url;
      seen.agent =
        String(req.headers['user-agent'] ?? '') +
        ' ' +
        String(req.headers['x-amz-user-agent'] ?? '');
      seen.target = String(req.headers['x-amz-target']);
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify({ clusterArns: ['arn:aws:ecs:eu-central-1:123456789012:cluster/demo'] }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_REGION: 'eu-central-1',
      AWS_ENDPOINT_URL_ECS: `http://127.0.0.1:${port}`,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    try {
      setActionName('ecs-deploy');
      const client = createClient(ECSClient);
      const out = await client.send(new ListClustersCommand({}));
      expect(out.clusterArns).toEqual(['arn:aws:ecs:eu-central-1:123456789012:cluster/demo']);
      expect(seen.target).toBe('AmazonEC2ContainerServiceV20141113.ListClusters');
      expect(seen.agent).toContain(`${PACK_NAME}/${PACK_VERSION}`);
      expect(seen.agent).toContain('ecs-deploy');
      expect(await client.config.maxAttempts()).toBe(6);
      client.destroy();
    } finally {
      process.env = saved;
      server.close();
    }
  });
});

describe('error classification', () => {
  it('recognises throttling by code, flag or status', () => {
    expect(isThrottlingError({ name: 'ThrottlingException' })).toBe(true);
    expect(isThrottlingError({ name: 'Throttling' })).toBe(true);
    expect(isThrottlingError({ name: 'Other', $retryable: { throttling: true } })).toBe(true);
    expect(isThrottlingError({ name: 'Other', $metadata: { httpStatusCode: 429 } })).toBe(true);
    expect(isThrottlingError({ name: 'ClientException', $metadata: { httpStatusCode: 400 } })).toBe(
      false,
    );
    expect(isThrottlingError(null)).toBe(false);
    expect(isThrottlingError('ThrottlingException')).toBe(false);
  });
  it('reads the code', () => {
    expect(errorCode({ name: 'ServiceNotFoundException' })).toBe('ServiceNotFoundException');
    expect(errorCode(42)).toBeUndefined();
  });
});
