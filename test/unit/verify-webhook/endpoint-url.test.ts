import { describe, expect, it } from '@jest/globals';
import { isLoopbackHost, parseEndpointUrl } from '../../../src/verify-webhook/endpoint-url.js';

describe('isLoopbackHost', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    'localhost',
    'api.localhost',
    '[::1]',
    '::1',
    '::ffff:127.0.0.1',
  ])('%s is loopback', (host) => expect(isLoopbackHost(host)).toBe(true));
  it.each([
    '10.0.0.1',
    '128.0.0.1',
    'localhost.example.com',
    'example.com',
    '::2',
    '0.0.0.0',
    '[::ffff:10.0.0.1]',
  ])('%s is not', (host) => expect(isLoopbackHost(host)).toBe(false));
});

describe('parseEndpointUrl', () => {
  it('accepts https anywhere and http on loopback', () => {
    expect(parseEndpointUrl('url', 'https://bot.example.com/webhook').href).toBe(
      'https://bot.example.com/webhook',
    );
    expect(parseEndpointUrl('url', 'http://127.0.0.1:8080/hooks/x').port).toBe('8080');
    expect(parseEndpointUrl('url', 'http://[::1]:8080/x').hostname).toBe('[::1]');
  });
  it('refuses http to a non-loopback host, other schemes, credentials and garbage, naming the input', () => {
    expect(() => parseEndpointUrl('url', 'http://bot.example.com/webhook')).toThrow(
      "Input 'url' must use https; plain http is allowed only for loopback addresses",
    );
    expect(() => parseEndpointUrl('url', 'ftp://bot.example.com/')).toThrow(
      "Input 'url' must be an https URL",
    );
    expect(() => parseEndpointUrl('url', 'https://user:pw@bot.example.com/')).toThrow(
      "Input 'url' must not carry a user name or password.",
    );
    expect(() => parseEndpointUrl('telegram-api-url', 'not a url')).toThrow(
      "Input 'telegram-api-url' must be an absolute URL",
    );
  });
  it('does not repeat a password in its error', () => {
    try {
      parseEndpointUrl('url', 'https://user:hunter2hunter2@bot.example.com/');
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
    expect.assertions(1);
  });
});
