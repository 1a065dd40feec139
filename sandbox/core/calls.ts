/** The call log: every request the sandbox received, in order, for tests to count and inspect. */
export interface CallEntry {
  service: string;
  operation: string;
  input: unknown;
  /** Sandbox time (ms) when the request arrived. */
  at: number;
  /** The HTTP status answered (or that would have been, for a connection dropped after apply; 0 if dropped before). */
  status: number;
  /** The injected fault that shaped this call, if any. */
  fault?: string;
  /** The access key id that signed the request (SigV4), if it was signed. */
  accessKeyId?: string;
}

const MUTATING =
  /^(Register|Update|Create|Put|Delete|Deregister)|^(RunTask|StopTask|StopDeployment|StopServiceDeployment|ContinueServiceDeployment|setWebhook|deleteWebhook)$/;

export function isMutating(operation: string): boolean {
  return MUTATING.test(operation);
}

export class CallLog {
  private entries: CallEntry[] = [];
  private listeners: ((entry: CallEntry) => void)[] = [];

  record(entry: CallEntry): void {
    this.entries.push(entry);
    for (const listener of this.listeners) listener(entry);
  }

  all(): CallEntry[] {
    return [...this.entries];
  }

  of(operation: string): CallEntry[] {
    return this.entries.filter((e) => e.operation === operation);
  }

  count(operation: string): number {
    return this.of(operation).length;
  }

  mutating(): CallEntry[] {
    return this.entries.filter((e) => isMutating(e.operation));
  }

  clear(): void {
    this.entries = [];
  }

  /** Calls `listener` for every call recorded from now on (the CLI prints them). */
  onCall(listener: (entry: CallEntry) => void): void {
    this.listeners.push(listener);
  }
}
