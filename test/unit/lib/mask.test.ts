import { describe, expect, it } from '@jest/globals';
import { derivedForms, maskSecret, redactor } from '../../../src/lib/mask.js';

const token = '123456:AA-bb_cc/dd+ee=ff gg';

describe('maskSecret', () => {
  it('masks the raw value and every encoding a request or log could carry', () => {
    const masked: string[] = [];
    maskSecret(token, (v) => masked.push(v));
    expect(masked).toContain(token);
    expect(masked).toContain(encodeURIComponent(token));
    expect(masked).toContain(encodeURIComponent(token).replace(/%20/g, '+'));
    expect(masked).toContain(Buffer.from(token).toString('base64'));
    expect(masked).toContain(Buffer.from(token).toString('base64url'));
    expect(new Set(masked).size).toBe(masked.length);
  });
  it('masks each line of a multi-line secret and ignores empty values', () => {
    const masked: string[] = [];
    maskSecret('line-one\nline-two', (v) => masked.push(v));
    expect(masked).toEqual(expect.arrayContaining(['line-one', 'line-two']));
    const none: string[] = [];
    maskSecret('', (v) => none.push(v));
    maskSecret(undefined, (v) => none.push(v));
    expect(none).toEqual([]);
  });
});

describe('redact', () => {
  it('removes every derived form from text we print', () => {
    const text = `url=https://api.example/bot${encodeURIComponent(token)}/x raw=${token} b64=${Buffer.from(token).toString('base64')}`;
    const out = redactor([token])(text);
    for (const form of derivedForms(token)) expect(out).not.toContain(form);
    expect(out).toContain('***');
    expect(redactor([undefined])('nothing secret')).toBe('nothing secret');
  });
});
