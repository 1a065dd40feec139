/**
 * CloudFront's REST-XML wire shapes for invalidations: the request body the SDK sends, and the
 * responses and errors CloudFront returns, built from the SDK's own output types.
 */
import type {
  Invalidation,
  InvalidationList,
  InvalidationSummary,
} from '@aws-sdk/client-cloudfront';
import type { SandboxResponse } from '../core/plugin.js';
import { tag, unescapeXml } from '../core/xml.js';

export const XMLNS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';

function elements(xml: string, name: string): string[] {
  const out: string[] = [];
  const re = new RegExp(
    `<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>|<${name}(?:\\s[^>]*)?/>`,
    'g',
  );
  for (const match of xml.matchAll(re)) out.push(unescapeXml(match[1] ?? ''));
  return out;
}

export interface ParsedBatch {
  callerReference?: string;
  quantity?: number;
  paths: string[];
}

export function parseInvalidationBatch(xml: string): ParsedBatch {
  const quantity = elements(xml, 'Quantity')[0];
  const callerReference = elements(xml, 'CallerReference')[0];
  return {
    ...(callerReference !== undefined ? { callerReference } : {}),
    ...(quantity !== undefined ? { quantity: Number(quantity) } : {}),
    paths: elements(xml, 'Path'),
  };
}

function invalidationBody(inv: Invalidation): string {
  const batch = inv.InvalidationBatch!;
  const items = (batch.Paths?.Items ?? []).map((p) => tag('Path', p)).join('');
  return (
    tag('Id', inv.Id) +
    tag('Status', inv.Status) +
    tag('CreateTime', inv.CreateTime?.toISOString()) +
    `<InvalidationBatch><Paths>${tag('Quantity', batch.Paths?.Quantity)}<Items>${items}</Items></Paths>` +
    `${tag('CallerReference', batch.CallerReference)}</InvalidationBatch>`
  );
}

const xmlResponse = (
  status: number,
  body: string,
  headers: Record<string, string> = {},
): SandboxResponse => ({
  status,
  headers: { 'content-type': 'text/xml', ...headers },
  body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
});

export function invalidationResponse(
  inv: Invalidation,
  status: number,
  location?: string,
): SandboxResponse {
  return xmlResponse(
    status,
    `<Invalidation xmlns="${XMLNS}">${invalidationBody(inv)}</Invalidation>`,
    location ? { location } : {},
  );
}

export function listResponse(list: InvalidationList): SandboxResponse {
  const summary = (s: InvalidationSummary) =>
    `<InvalidationSummary>${tag('Id', s.Id)}${tag('CreateTime', s.CreateTime?.toISOString())}${tag('Status', s.Status)}</InvalidationSummary>`;
  return xmlResponse(
    200,
    `<InvalidationList xmlns="${XMLNS}">${tag('Marker', list.Marker ?? '')}${tag('NextMarker', list.NextMarker)}` +
      `${tag('MaxItems', list.MaxItems)}${tag('IsTruncated', list.IsTruncated)}${tag('Quantity', list.Quantity)}` +
      `<Items>${(list.Items ?? []).map(summary).join('')}</Items></InvalidationList>`,
  );
}

export function errorResponse(code: string, message: string, status: number): SandboxResponse {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return xmlResponse(
    status,
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type>${tag('Code', code)}${tag('Message', message)}</Error>` +
      `<RequestId>${crypto.randomUUID()}</RequestId></ErrorResponse>`,
    { 'x-amzn-errortype': code },
  );
}
