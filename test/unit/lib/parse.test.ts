import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../../src/lib/errors.js';
import {
  assertNoControlCharacters,
  parseBoolean,
  parseChoice,
  parseCommand,
  parseContainerImages,
  parseDurationMs,
  parseKeyValueLines,
  parseList,
  parseNumber,
} from '../../../src/lib/parse.js';

const fails = (fn: () => unknown, pattern: RegExp): void => {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigurationError);
  expect((error as Error).message).toMatch(pattern);
  expect((error as Error).message).not.toContain('\n');
};

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    ['false', false],
    ['off', false],
    [' false ', false],
  ])('reads %p', (raw, expected) => expect(parseBoolean('wait', raw, !expected)).toBe(expected));
  it('uses the default when empty', () => {
    expect(parseBoolean('wait', '', true)).toBe(true);
    expect(parseBoolean('wait', '  ', false)).toBe(false);
  });
  it('names the input on nonsense', () =>
    fails(
      () => parseBoolean('wait', 'maybe', true),
      /^Input 'wait' must be true or false, got 'maybe'/,
    ));
});

describe('parseNumber', () => {
  it('accepts decimals and the default', () => {
    expect(parseNumber('poll-interval-seconds', '0.05', 5)).toBe(0.05);
    expect(parseNumber('poll-interval-seconds', '.5', 5)).toBe(0.5);
    expect(parseNumber('poll-interval-seconds', '', 5)).toBe(5);
  });
  it('enforces bounds inclusively', () => {
    expect(parseNumber('concurrency', '1', 16, { min: 1, max: 64 })).toBe(1);
    expect(parseNumber('concurrency', '64', 16, { min: 1, max: 64 })).toBe(64);
    fails(
      () => parseNumber('concurrency', '0', 16, { min: 1 }),
      /'concurrency' must be at least 1, got 0/,
    );
    fails(() => parseNumber('concurrency', '65', 16, { max: 64 }), /at most 64/);
  });
  it('rejects non-numbers and fractions where whole numbers are needed', () => {
    fails(() => parseNumber('concurrency', '10x', 16), /must be a number, got '10x'/);
    fails(() => parseNumber('concurrency', '1e3', 16), /must be a number/);
    fails(() => parseNumber('concurrency', '2.5', 16, { integer: true }), /whole number/);
  });
});

describe('parseDurationMs', () => {
  it('converts seconds and minutes, decimals allowed', () => {
    expect(parseDurationMs('timeout-minutes', '0.5', 30, 'minutes')).toBe(30_000);
    expect(parseDurationMs('poll-interval-seconds', '0.05', 5, 'seconds')).toBe(50);
    expect(parseDurationMs('timeout-minutes', '', 30, 'minutes')).toBe(1_800_000);
  });
  it('refuses zero and negatives', () => {
    fails(
      () => parseDurationMs('timeout-minutes', '0', 30, 'minutes'),
      /'timeout-minutes' must be greater than 0/,
    );
    fails(() => parseDurationMs('timeout-minutes', '-1', 30, 'minutes'), /'timeout-minutes'/);
  });
  it('enforces a maximum', () =>
    fails(() => parseDurationMs('timeout-minutes', '400', 30, 'minutes', 360), /at most 360/));
});

describe('lists', () => {
  it('splits on newlines and commas, trims, drops blanks and comments', () => {
    expect(parseList('api, worker\n\n  scheduler \n# old-service\n')).toEqual([
      'api',
      'worker',
      'scheduler',
    ]);
    expect(parseList('')).toEqual([]);
  });
});

describe('parseKeyValueLines', () => {
  it('keeps = and commas in values', () => {
    const map = parseKeyValueLines(
      'environment',
      'DATABASE_URL=postgres://u@h/db?a=b,c\n# note\nEMPTY=',
    );
    expect([...map]).toEqual([
      ['DATABASE_URL', 'postgres://u@h/db?a=b,c'],
      ['EMPTY', ''],
    ]);
  });
  it('names the line and the problem', () => {
    fails(
      () => parseKeyValueLines('environment', 'A=1\nnonsense'),
      /'environment' line 2 must be KEY=VALUE, got 'nonsense'/,
    );
    fails(() => parseKeyValueLines('environment', '=1'), /line 1/);
    fails(() => parseKeyValueLines('environment', 'A=1\nA=2'), /sets 'A' twice/);
  });
});

describe('parseContainerImages', () => {
  it('reads lines and comma-separated pairs', () => {
    const digest = 'a'.repeat(64);
    expect([
      ...parseContainerImages(
        'images',
        `api=123456789012.dkr.ecr.eu-west-1.amazonaws.com/api@sha256:${digest}\nworker=worker:1.2`,
      ),
    ]).toEqual([
      ['api', `123456789012.dkr.ecr.eu-west-1.amazonaws.com/api@sha256:${digest}`],
      ['worker', 'worker:1.2'],
    ]);
    expect([...parseContainerImages('images', 'api=a:1, worker=b:2')]).toEqual([
      ['api', 'a:1'],
      ['worker', 'b:2'],
    ]);
  });
  it('refuses bad names and images', () => {
    fails(() => parseContainerImages('images', 'api=with space'), /not an image reference/);
    fails(() => parseContainerImages('images', 'api='), /gives no image for container 'api'/);
    fails(() => parseContainerImages('images', 'a$pi=x:1'), /not a valid container name/);
    fails(() => parseContainerImages('images', 'api=x@sha256:short'), /not an image reference/);
  });
});

describe('parseCommand', () => {
  it('reads JSON arrays', () =>
    expect(parseCommand('command', '["alembic", "upgrade", "head"]')).toEqual([
      'alembic',
      'upgrade',
      'head',
    ]));
  it('splits strings like a shell, without a shell', () => {
    expect(parseCommand('command', `bundle exec rails db:migrate`)).toEqual([
      'bundle',
      'exec',
      'rails',
      'db:migrate',
    ]);
    expect(parseCommand('command', `sh -c 'echo "$HOME" && ls'`)).toEqual([
      'sh',
      '-c',
      'echo "$HOME" && ls',
    ]);
    expect(parseCommand('command', `echo "a \\"b\\" c" d\\ e ''`)).toEqual([
      'echo',
      'a "b" c',
      'd e',
      '',
    ]);
    expect(parseCommand('command', `node "$(whoami)" *.js`)).toEqual(['node', '$(whoami)', '*.js']);
    expect(parseCommand('command', '   ')).toBeUndefined();
  });
  it('refuses broken input', () => {
    fails(
      () => parseCommand('command', `echo 'unterminated`),
      /'command' has an unclosed single quote/,
    );
    fails(() => parseCommand('command', `echo "unterminated`), /unclosed double quote/);
    fails(() => parseCommand('command', '[1, 2]'), /JSON array of strings/);
    fails(() => parseCommand('command', '[oops'), /not a valid JSON array/);
    fails(() => parseCommand('command', '[]'), /empty array/);
  });
});

describe('parseChoice', () => {
  it('accepts listed values and defaults', () => {
    expect(
      parseChoice('strategy', 'rolling', ['auto', 'rolling', 'blue-green'] as const, 'auto'),
    ).toBe('rolling');
    expect(parseChoice('strategy', '', ['auto', 'rolling'] as const, 'auto')).toBe('auto');
  });
  it('lists the choices', () =>
    fails(
      () => parseChoice('strategy', 'canary', ['auto', 'rolling', 'blue-green'] as const, 'auto'),
      /one of auto, rolling, blue-green, got 'canary'/,
    ));
});

describe('assertNoControlCharacters', () => {
  it('refuses any control character in a single value, naming the input, not the value', () => {
    for (const bad of [
      'a\nb',
      'a\rb',
      'a\tb',
      'a\u001bb',
      'a\u0000b',
      'a\u2028b',
      'a\u0085b',
      'a\u007fb',
    ]) {
      expect(() => assertNoControlCharacters('caller-reference', bad, false)).toThrow(
        /^Input 'caller-reference' contains a control character \(U\+[0-9A-F]{4}\) at character 2;/,
      );
    }
    expect(() => assertNoControlCharacters('url', 'https://x.example/\u001b[31m', false)).toThrow(
      'U+001B',
    );
    expect(() => assertNoControlCharacters('secret', 's3cr3t\nX', false)).not.toThrow(/s3cr3t/);
    expect(() => assertNoControlCharacters('cluster', 'cbi-production', false)).not.toThrow();
    expect(() => assertNoControlCharacters('url', 'https://café.example/ü', false)).not.toThrow();
  });
  it('lets multi-line text keep line feeds, CRLF and tabs, and nothing else', () => {
    expect(() => assertNoControlCharacters('paths', '/a\n/b\r\n/c\t', true)).not.toThrow();
    expect(() => assertNoControlCharacters('paths', '/a\n/b\r/c', true)).toThrow(
      "Input 'paths' contains a control character (U+000D) at line 2",
    );
    expect(() => assertNoControlCharacters('paths', '/a\n::x\u001b', true)).toThrow('U+001B');
    expect(() => assertNoControlCharacters('paths', '/a\u2029', true)).toThrow('U+2029');
  });
});
