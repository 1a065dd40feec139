/**
 * Masks a secret in every form it could take on its way to a log: raw, URL-encoded (both
 * encodeURIComponent and form encoding), base64 and base64url, and each line of a multi-line
 * value. Call before the first request that carries the secret.
 */
import * as core from '@actions/core';

export function derivedForms(secret: string): string[] {
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    encodeURI(secret),
    Buffer.from(secret, 'utf8').toString('base64'),
    Buffer.from(secret, 'utf8').toString('base64url'),
    JSON.stringify(secret).slice(1, -1),
  ]);
  for (const line of secret.split(/\r?\n/)) if (line.trim() !== '') forms.add(line);
  return [...forms].filter((form) => form.length > 0);
}

export function maskSecret(
  secret: string | undefined,
  setSecret: (value: string) => void = core.setSecret,
): void {
  if (!secret) return;
  for (const form of derivedForms(secret)) setSecret(form);
}

/** Replaces every derived form of the secrets in `text` with ***, for text we print ourselves. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  const forms = secrets
    .flatMap((s) => (s ? derivedForms(s) : []))
    .sort((a, b) => b.length - a.length);
  for (const form of forms) out = out.split(form).join('***');
  return out;
}
