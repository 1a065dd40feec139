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

/**
 * A function replacing every derived form of the secrets with ***, for text we print ourselves.
 * The forms are worked out once, not on every line.
 */
export function redactor(secrets: readonly (string | undefined)[]): (text: string) => string {
  const forms = secrets
    .flatMap((s) => (s ? derivedForms(s) : []))
    .sort((a, b) => b.length - a.length);
  return (text) => forms.reduce((out, form) => out.split(form).join('***'), text);
}
