/**
 * The URL rule for webhook endpoints and the Bot API base: https, or plain http to a loopback
 * address only (a local Bot API server, a server under test). Deliveries and bot tokens never
 * travel unencrypted across a network.
 */
import { isIP } from 'node:net';
import { inputError } from '../lib/errors.js';

/** 127.0.0.0/8, ::1 (also as an IPv4-mapped address) and the name localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.split('.')[0] === '127';
  if (isIP(host) === 6) {
    if (host === '::1' || /^(0{0,4}:){7}0{0,3}1$/.test(host)) return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    if (mapped?.[1]) return mapped[1].split('.')[0] === '127';
    const mappedHex = /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.exec(host);
    return mappedHex !== null;
  }
  return false;
}

/**
 * Parses `raw` as an absolute https URL (http allowed for loopback hosts). The error names the
 * input and never repeats a user:password part.
 */
export function parseEndpointUrl(input: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw inputError(input, 'must be an absolute URL such as https://bot.example.com/webhook.');
  }
  if (url.username !== '' || url.password !== '') {
    throw inputError(input, 'must not carry a user name or password.');
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:') {
    if (isLoopbackHost(url.hostname)) return url;
    throw inputError(
      input,
      `must use https; plain http is allowed only for loopback addresses (127.0.0.0/8, ::1, localhost), got host '${url.hostname}'.`,
    );
  }
  throw inputError(input, `must be an https URL, got scheme '${url.protocol.replace(/:$/, '')}'.`);
}
