import { afterEach, describe, expect, it } from '@jest/globals';
import {
  CloudWatchLogsClient,
  GetLogEventsCommand,
  ResourceNotFoundException,
  type GetLogEventsCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { LogFollower } from '../../../src/run-migration/log-follower.js';

const logs = mockClient(CloudWatchLogsClient);
afterEach(() => {
  logs.reset();
});

const target = { group: '/ecs/cbi-migrate', stream: 'migrate/migrate/abc' };
const page = (token: string, ...messages: string[]): Partial<GetLogEventsCommandOutput> => ({
  events: messages.map((message, i) => ({ message, timestamp: i })),
  nextForwardToken: token,
});

/** A follower that records what it prints, warns and tells, and each delay it sleeps. */
function follower(onSleep: (f: LogFollower) => void = () => {}) {
  const printed: string[] = [];
  const warnings: string[] = [];
  const infos: string[] = [];
  const delays: number[] = [];
  const f: LogFollower = new LogFollower(
    new CloudWatchLogsClient({ region: 'us-east-1' }),
    target,
    {
      intervalMs: 10,
      print: (line) => printed.push(line),
      warn: (message) => warnings.push(message),
      info: (message) => infos.push(message),
      sleep: async (ms) => {
        delays.push(ms);
        onSleep(f);
      },
    },
  );
  return { f, printed, warnings, infos, delays };
}

describe('LogFollower', () => {
  it('follows nextForwardToken, prints each line once in order, and drains after the stop', async () => {
    logs
      .on(GetLogEventsCommand)
      .resolvesOnce(page('f/2', 'one', 'two'))
      .resolvesOnce(page('f/2')) // at the end for now: sleep, during which the task stops
      .resolvesOnce(page('f/4', 'three', 'four\n')) // written before the stop
      .resolvesOnce(page('f/4')); // end, after the stop: done
    let sleeps = 0;
    const { f, printed } = follower((self) => {
      sleeps++;
      self.taskStopped();
    });
    await f.run();
    expect(printed).toEqual(['one', 'two', 'three', 'four']);
    expect(sleeps).toBe(1);
    const inputs = logs.commandCalls(GetLogEventsCommand).map((c) => c.args[0].input);
    expect(inputs).toEqual([
      { logGroupName: target.group, logStreamName: target.stream, startFromHead: true },
      {
        logGroupName: target.group,
        logStreamName: target.stream,
        startFromHead: true,
        nextToken: 'f/2',
      },
      {
        logGroupName: target.group,
        logStreamName: target.stream,
        startFromHead: true,
        nextToken: 'f/2',
      },
      {
        logGroupName: target.group,
        logStreamName: target.stream,
        startFromHead: true,
        nextToken: 'f/4',
      },
    ]);
    expect(f.lastLines).toEqual(['one', 'two', 'three', 'four']);
  });

  it('does not finish on an end reached by a read that began before the stop', async () => {
    const { f, printed } = follower();
    logs
      .on(GetLogEventsCommand)
      .callsFakeOnce(async () => page('f/1', 'a'))
      .callsFakeOnce(async () => {
        f.taskStopped(); // the task stops while this read is under way
        return page('f/1');
      })
      .resolvesOnce(page('f/2', 'last line'))
      .resolvesOnce(page('f/2'));
    await f.run();
    expect(printed).toEqual(['a', 'last line']);
  });

  it('waits for a stream that does not exist yet', async () => {
    const missing = new ResourceNotFoundException({
      message: 'The specified log stream does not exist.',
      $metadata: {},
    });
    logs
      .on(GetLogEventsCommand)
      .rejectsOnce(missing)
      .rejectsOnce(missing)
      .resolvesOnce(page('f/1', 'started'))
      .resolves(page('f/1'));
    const { f, printed } = follower((self) => self.taskStopped());
    await f.run();
    expect(printed).toEqual(['started']);
  });

  it('gives up on a stream that never appears once the task stopped, with a warning', async () => {
    logs
      .on(GetLogEventsCommand)
      .rejects(new ResourceNotFoundException({ message: 'nope', $metadata: {} }));
    const { f, warnings } = follower((self) => self.taskStopped());
    f.taskStopped();
    await f.run();
    expect(logs.commandCalls(GetLogEventsCommand)).toHaveLength(3);
    expect(warnings[0]).toContain(
      'Log stream migrate/migrate/abc in group /ecs/cbi-migrate was not found',
    );
  });

  it('backs off on throttling and carries on', async () => {
    const throttle = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
    logs
      .on(GetLogEventsCommand)
      .rejectsOnce(throttle)
      .resolvesOnce(page('f/1', 'x'))
      .resolves(page('f/1'));
    const { f, printed } = follower((self) => self.taskStopped());
    await f.run();
    expect(printed).toEqual(['x']);
  });

  it('one episode of faults gives one warning and, when the stream answers again, one line', async () => {
    const unavailable = () =>
      Object.assign(new Error('Service Unavailable'), {
        name: 'ServiceUnavailableException',
        $metadata: { httpStatusCode: 503 },
      });
    logs
      .on(GetLogEventsCommand)
      .rejectsOnce(unavailable())
      .rejectsOnce(unavailable())
      .rejectsOnce(unavailable())
      .resolvesOnce(page('f/1', 'x'))
      .resolves(page('f/1'));
    const { f, warnings, infos, delays } = follower((self) => {
      if (logs.commandCalls(GetLogEventsCommand).length >= 4) self.taskStopped();
    });
    await f.run();
    expect(warnings).toEqual([
      'Reading logs from /ecs/cbi-migrate/migrate/migrate/abc: Service Unavailable; retrying with backoff (further faults in a row are not reported one by one).',
    ]);
    expect(infos).toEqual([
      'Reading logs from /ecs/cbi-migrate/migrate/migrate/abc: answering again after 3 retries.',
    ]);
    // The backoff grows from 500 ms (the interval is shorter), never below it.
    expect(delays.slice(0, 3).every((ms) => ms >= 250)).toBe(true);
  });

  it('a fault that lasts to the deadline ends the streaming by the deadline, with one more warning', async () => {
    logs.on(GetLogEventsCommand).rejects(
      Object.assign(new Error('Rate exceeded'), {
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    let now = 1_000_000;
    const warnings: string[] = [];
    let sleeps = 0;
    const f: LogFollower = new LogFollower(
      new CloudWatchLogsClient({ region: 'us-east-1' }),
      target,
      {
        intervalMs: 10,
        print: () => undefined,
        warn: (message) => warnings.push(message),
        deadline: now + 60_000,
        clock: () => now,
        sleep: async (ms) => {
          now += ms;
          // A follower that ignores the deadline would retry for ever: end it so the test fails.
          if (++sleeps > 500) f.halt();
        },
      },
    );
    await f.run();
    expect(sleeps).toBeLessThan(500);
    expect(now).toBeLessThanOrEqual(1_000_000 + 60_000);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain(
      'Reading logs from /ecs/cbi-migrate/migrate/migrate/abc: throttled (Rate exceeded); retrying with backoff',
    );
    expect(warnings[1]).toBe(
      "Stopped streaming logs from /ecs/cbi-migrate/migrate/migrate/abc: Rate exceeded, still failing at the action's deadline (the migration is still followed).",
    );
  });

  it('stops streaming (without failing) on an error it cannot recover from', async () => {
    logs.on(GetLogEventsCommand).rejects(
      Object.assign(new Error('User is not authorized to perform: logs:GetLogEvents'), {
        name: 'AccessDeniedException',
      }),
    );
    const { f, warnings } = follower();
    await f.run();
    expect(warnings).toEqual([
      'Stopped streaming logs from /ecs/cbi-migrate/migrate/migrate/abc: User is not authorized to perform: logs:GetLogEvents (the migration is still followed).',
    ]);
  });

  it('halt() ends following without draining', async () => {
    logs.on(GetLogEventsCommand).resolves(page('f/1'));
    const { f } = follower((self) => self.halt());
    await f.run();
    expect(logs.commandCalls(GetLogEventsCommand).length).toBeLessThanOrEqual(2);
  });
});
