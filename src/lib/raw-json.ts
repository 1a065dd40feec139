/**
 * The AWS SDK serialises only the fields its models know and drops the rest of a response. Task
 * definitions must survive a round trip even when ECS has added fields this SDK version does not
 * model, so these per-command middlewares (1) keep the raw JSON body of a response and (2) put
 * back into a request body the fields of a plain JSON document that the serialiser dropped.
 */
interface HttpRequest {
  body?: unknown;
  headers: Record<string, string>;
}
interface HttpResponse {
  statusCode: number;
  body?: unknown;
}

interface CommandWithStack {
  middlewareStack: {
    // Method syntax on purpose: any client command's typed stack is accepted.
    addRelativeTo(middleware: unknown, options: unknown): void;
    add(middleware: unknown, options: unknown): void;
  };
}

type Next = (args: { request: unknown }) => Promise<{ response: unknown; output?: unknown }>;

async function bodyBytes(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Records the parsed JSON body of the command's response into `sink.value`. */
export function keepRawResponse(command: CommandWithStack, sink: { value?: unknown }): void {
  command.middlewareStack.addRelativeTo(
    (next: Next) => async (args: { request: unknown }) => {
      const result = await next(args);
      const response = result.response as HttpResponse;
      if (response?.body !== undefined && response.statusCode >= 200 && response.statusCode < 300) {
        const bytes = await bodyBytes(response.body);
        response.body = bytes; // the deserialiser reads a Uint8Array body as it is
        try {
          sink.value = JSON.parse(Buffer.from(bytes).toString('utf8'));
        } catch {
          sink.value = undefined;
        }
      }
      return result;
    },
    {
      relation: 'after',
      toMiddleware: 'deserializerMiddleware',
      name: 'packKeepRawResponse',
      override: true,
    },
  );
}

/** Adds to `target` every field of `source` it lacks, recursing into objects and same-length arrays. */
export function addMissingFields(target: unknown, source: unknown): unknown {
  if (Array.isArray(target) && Array.isArray(source) && target.length === source.length) {
    return target.map((item, i) => addMissingFields(item, source[i]));
  }
  if (isRecord(target) && isRecord(source)) {
    const out: Record<string, unknown> = { ...target };
    for (const [key, value] of Object.entries(source)) {
      if (value === undefined) continue;
      out[key] = key in target ? addMissingFields(target[key], value) : value;
    }
    return out;
  }
  return target;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** Puts the fields of `doc` that the serialiser dropped back into the JSON request body. */
export function sendUnmodelledFields(command: CommandWithStack, doc: object): void {
  command.middlewareStack.add(
    (next: Next) => async (args: { request: unknown }) => {
      const request = args.request as HttpRequest;
      const text =
        typeof request.body === 'string'
          ? request.body
          : request.body instanceof Uint8Array
            ? // Read the bytes through the buffer: the SDK's body adapter warns on string methods.
              Buffer.from(
                request.body.buffer,
                request.body.byteOffset,
                request.body.byteLength,
              ).toString('utf8')
            : undefined;
      if (text !== undefined && text.startsWith('{')) {
        const body = JSON.stringify(addMissingFields(JSON.parse(text), doc));
        request.body = body;
        if (request.headers['content-length'] !== undefined) {
          request.headers['content-length'] = String(Buffer.byteLength(body));
        }
      }
      return next(args);
    },
    { step: 'build', name: 'packSendUnmodelledFields', override: true },
  );
}
