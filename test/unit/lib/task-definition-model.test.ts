import { describe, expect, it, jest } from '@jest/globals';
import {
  OUTPUT_ONLY_MEMBERS,
  checkTaskDefinitionDoc,
  editDistance,
  nearMiss,
} from '../../../src/lib/task-definition-model.js';
import { decodeUtf8, firstInvalidUtf8, parseStructuredText } from '../../../src/lib/source-text.js';
import {
  assertSameFamily,
  parseTaskDefinitionFile,
  stripReadOnly,
} from '../../../src/lib/task-definition.js';

const container = { name: 'api', image: 'repo/api:1' };

describe('the ECS model from the SDK schema', () => {
  it('knows every output-only member of TaskDefinition, deleteRequestedAt included', () => {
    expect([...OUTPUT_ONLY_MEMBERS].sort()).toEqual(
      [
        'compatibilities',
        'deleteRequestedAt',
        'deregisteredAt',
        'registeredAt',
        'registeredBy',
        'requiresAttributes',
        'revision',
        'status',
        'taskDefinitionArn',
      ].sort(),
    );
    expect(OUTPUT_ONLY_MEMBERS).not.toContain('deleteRequested');
    const stripped = stripReadOnly({ family: 'f', deleteRequestedAt: 1_700_000_000 });
    expect(stripped).toEqual({ family: 'f' });
  });

  it('finds near-misses and leaves far names alone', () => {
    expect(editDistance('memoryReservaton', 'memoryReservation')).toBe(1);
    expect(nearMiss('memoryReservaton', ['memory', 'memoryReservation'])).toBe('memoryReservation');
    expect(nearMiss('memory_reservation', ['memoryReservation'])).toBe('memoryReservation');
    expect(nearMiss('Essential', ['essential'])).toBe('essential');
    expect(nearMiss('imgae', ['image'])).toBe('image');
    expect(nearMiss('restartPolicyV2', ['restartPolicy', 'image'])).toBeUndefined();
    expect(nearMiss('brandNewEcsField', ['family', 'cpu', 'memory'])).toBeUndefined();
  });

  it('is an error to misspell a member, at any depth, naming the member it resembles', () => {
    const check = checkTaskDefinitionDoc({
      family: 'f',
      containerDefinitions: [{ ...container, memoryReservaton: 256 }],
      runtimePlatform: { cpuArchitecure: 'ARM64' },
    });
    expect(check.errors).toEqual([
      {
        path: ['containerDefinitions', 0, 'memoryReservaton'],
        message: expect.stringContaining("did you mean 'memoryReservation'?)"),
      },
      {
        path: ['runtimePlatform', 'cpuArchitecure'],
        message: expect.stringContaining("did you mean 'cpuArchitecture'?"),
      },
    ]);
  });

  it('passes a member the model does not know with a warning', () => {
    const check = checkTaskDefinitionDoc({
      family: 'f',
      containerDefinitions: [{ ...container, gpuSharingMode: { shared: true } }],
    });
    expect(check.errors).toEqual([]);
    expect(check.warnings.map((w) => w.path)).toEqual([
      ['containerDefinitions', 0, 'gpuSharingMode'],
    ]);
    expect(check.definition.containerDefinitions).toEqual([
      { ...container, gpuSharingMode: { shared: true } },
    ]);
  });

  it('coerces scalars where nothing is lost, drops nulls, and refuses the rest', () => {
    const ok = checkTaskDefinitionDoc({
      family: 'f',
      cpu: 256,
      memory: 512,
      taskRoleArn: null,
      containerDefinitions: [
        {
          ...container,
          essential: 'true',
          portMappings: [{ containerPort: '8080', hostPort: null }],
          healthCheck: null,
          environment: [null, { name: 'A', value: '1' }],
        },
      ],
    });
    expect(ok.errors).toEqual([]);
    expect(ok.definition).toEqual({
      family: 'f',
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          ...container,
          essential: true,
          portMappings: [{ containerPort: 8080 }],
          environment: [{ name: 'A', value: '1' }],
        },
      ],
    });
    const bad = checkTaskDefinitionDoc({
      family: 'f',
      cpu: { units: 256 },
      containerDefinitions: [
        { ...container, portMappings: [{ containerPort: 'http' }], essential: 'yes' },
      ],
    });
    expect(bad.errors.map((e) => [e.path.join('.'), e.message])).toEqual([
      ['cpu', 'must be a string, got an object'],
      ['containerDefinitions.0.portMappings.0.containerPort', 'must be a number, got "http"'],
      ['containerDefinitions.0.essential', 'must be true or false, got "yes"'],
    ]);
  });

  it('strips output-only members and reports which', () => {
    const check = checkTaskDefinitionDoc({
      family: 'f',
      revision: 3,
      status: 'DELETE_IN_PROGRESS',
      deleteRequestedAt: '2026-11-30T10:00:00Z',
      containerDefinitions: [container],
    });
    expect(check.definition).toEqual({ family: 'f', containerDefinitions: [container] });
    expect(check.stripped).toEqual(['revision', 'status', 'deleteRequestedAt']);
    expect(check.warnings).toEqual([]);
  });
});

describe('parseTaskDefinitionFile against the model', () => {
  const yaml = [
    'family: cbi-api',
    'cpu: 256',
    'containerDefinitions:',
    '  - name: api',
    '    image: repo/api:1',
    '    memoryReservaton: 256',
    '',
  ].join('\n');

  it('names the file, the path, the line and the member a typo resembles', () => {
    expect(() => parseTaskDefinitionFile('task-definition', 'td.yaml', yaml)).toThrow(
      "Input 'task-definition' names a task definition that does not match the ECS model: td.yaml, containerDefinitions[0].memoryReservaton (line 6): 'memoryReservaton' is not a member of ContainerDefinition (did you mean 'memoryReservation'?)",
    );
  });

  it('gives the line of a value that cannot be coerced, in JSON too', () => {
    const json = JSON.stringify(
      {
        family: 'f',
        containerDefinitions: [{ ...container, portMappings: [{ containerPort: 'x' }] }],
      },
      null,
      2,
    );
    expect(() => parseTaskDefinitionFile('task-definition', 'td.json', json)).toThrow(
      /td\.json, containerDefinitions\[0\]\.portMappings\[0\]\.containerPort \(line 9\): 'containerPort' must be a number/,
    );
  });

  it('reads a describe-task-definition output of a revision being deleted', () => {
    const described = JSON.stringify({
      taskDefinition: {
        family: 'f',
        revision: 4,
        status: 'DELETE_IN_PROGRESS',
        deleteRequestedAt: 1_764_000_000,
        registeredAt: 1_763_000_000,
        containerDefinitions: [container],
      },
      tags: [{ key: 'team', value: 'cbi' }],
    });
    const file = parseTaskDefinitionFile('task-definition', 'td.json', described);
    expect(file.definition).toEqual({ family: 'f', containerDefinitions: [container] });
    expect(file.tags).toEqual([{ key: 'team', value: 'cbi' }]);
  });

  it('warns about an unknown member with its line and keeps it', () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const file = parseTaskDefinitionFile(
        'task-definition',
        'td.yaml',
        'family: f\ncontainerDefinitions:\n  - name: api\n    image: i\n    futureKnob: 1\n',
      );
      expect(file.definition.containerDefinitions![0]).toHaveProperty('futureKnob', 1);
      const printed = write.mock.calls.map((c) => String(c[0])).join('');
      expect(printed).toContain(
        '::warning::Task definition td.yaml, containerDefinitions[0].futureKnob (line 5)',
      );
    } finally {
      write.mockRestore();
    }
  });

  it('refuses bytes that are not UTF-8, and a text already decoded with U+FFFD', () => {
    const latin1 = Buffer.from('family: caf\xe9\ncontainerDefinitions: []\n', 'latin1');
    expect(() => parseTaskDefinitionFile('task-definition', 'td.yaml', latin1)).toThrow(
      "Input 'task-definition' file td.yaml holds a byte that is not UTF-8 (0xE9) at line 1, column 12",
    );
    expect(() =>
      parseTaskDefinitionFile('task-definition', 'td.yaml', latin1.toString('utf8')),
    ).toThrow(/not UTF-8 \(read as U\+FFFD\) at line 1, column 12/);
  });

  it('gives line and column for JSON and YAML syntax errors', () => {
    expect(() =>
      parseTaskDefinitionFile('task-definition', 'td.json', '{\n  "family": "f",\n  oops\n}'),
    ).toThrow(/td\.json is not valid JSON at line 3, column 3: /);
    expect(() =>
      parseTaskDefinitionFile('task-definition', 'td.yaml', 'family: f\n  bad: [\n'),
    ).toThrow(/td\.yaml is not valid YAML at line \d+, column \d+: /);
  });
});

describe('source text helpers', () => {
  it('finds the first byte that is not UTF-8', () => {
    expect(firstInvalidUtf8(Buffer.from('añb\xff', 'latin1'))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from('ab\xff', 'latin1'))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from('añb', 'utf8'))).toBe(4);
    expect(decodeUtf8(Buffer.from('café ✓', 'utf8'))).toBe('café ✓');
  });
  it('locates keys and items', () => {
    const parsed = parseStructuredText('a:\n  b:\n    - x\n    - y\n', 'YAML');
    expect(parsed.lineOf(['a', 'b'])).toBe(2);
    expect(parsed.lineOf(['a', 'b', 1])).toBe(4);
    expect(parsed.lineOf(['nope'])).toBeUndefined();
  });
});

describe('assertSameFamily', () => {
  const base = {
    input: 'task-definition',
    path: 'td.json',
    fileFamily: 'cbi-worker',
    service: 'cbi-api',
    serviceFamily: 'cbi-api',
    allowInput: 'allow-family-change',
  };
  it('refuses another family unless allowed', () => {
    expect(() => assertSameFamily({ ...base, allowed: false })).toThrow(
      "Input 'task-definition' file td.json is of family 'cbi-worker', but service 'cbi-api' runs family 'cbi-api'",
    );
    expect(() => assertSameFamily({ ...base, allowed: true })).not.toThrow();
    expect(() =>
      assertSameFamily({ ...base, fileFamily: 'cbi-api', allowed: false }),
    ).not.toThrow();
  });
});
