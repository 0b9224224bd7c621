/**
 * The one typed RPC between the page and its workers (dataset and import), after Zui's and Actual
 * Budget's typed worker contracts. A worker's API is a TypeScript interface of methods, each
 * taking one params object (plus, for long work, an RpcContext<Progress> that reports typed
 * progress events) and resolving its result. `defineRpc<Api>()` binds that interface once: the
 * worker serves it with `serve(handlers)`, the page calls it through `connect(worker)`, so a
 * handler whose params, result or progress events do not match the interface fails the typecheck
 * just as a wrong call does (see tests/types/worker-rpc.ts).
 */

/** What a handler may do besides returning: report progress events of its method's type. */
export interface RpcContext<Progress> {
  progress(event: Progress): void;
}

/** The shape every worker API has: methods of one params object (and an optional context) returning a promise. */
export type RpcApi<A> = { [K in keyof A]: (params: never, context: RpcContext<never>) => Promise<unknown> };

/** The params object of a method. */
export type ParamsOf<A, K extends keyof A> = A[K] extends (params: infer P, ...rest: never[]) => unknown ? P : never;

/** What a method resolves. */
export type ResultOf<A, K extends keyof A> = A[K] extends (...args: never[]) => Promise<infer R> ? R : never;

/** The progress events a method reports (never, for a method declared without a context). */
export type ProgressOf<A, K extends keyof A> = A[K] extends (...args: infer Args) => unknown
  ? Args extends [unknown, RpcContext<infer E>] ? E : never
  : never;

/** The worker side: one handler per method, each checked against the API interface. */
export type RpcHandlers<A> = {
  [K in keyof A]: (params: ParamsOf<A, K>, context: RpcContext<ProgressOf<A, K>>) => Promise<ResultOf<A, K>>;
};

/** Options of one call: buffers to move rather than copy, and a listener for its progress events. */
export interface CallOptions<Progress> {
  transfer?: Transferable[];
  onProgress?: (event: Progress) => void;
}

/** A failed call: the handler's message for people, and its error code when it had one. */
export class RpcError extends Error {
  constructor(
    message: string,
    /** The handler's error code (e.g. an ImportError's), "worker" when the worker itself stopped. */
    readonly code: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** Messages on the wire (structured-cloned). */
export interface RpcRequest {
  id: number;
  method: string;
  params: unknown;
}
export type RpcReply =
  | { id: number; kind: 'result'; result: unknown }
  | { id: number; kind: 'error'; message: string; code: string }
  | { id: number; kind: 'progress'; event: unknown };

/** The parts of a worker's global scope the server uses (typed here: the page's lib has no WorkerGlobalScope). */
export interface WorkerScope {
  onmessage: ((event: MessageEvent<RpcRequest>) => void) | null;
  postMessage(message: RpcReply): void;
}

/** Error code of a thrown value, when it carries a string `code` (as ImportError does). */
function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

/** A promise-returning caller over a worker. */
export class RpcClient<A extends RpcApi<A>> {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; onProgress?: (event: unknown) => void }>();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<RpcReply>) => {
      const reply = event.data;
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      if (reply.kind === 'progress') {
        waiting.onProgress?.(reply.event);
        return;
      }
      this.pending.delete(reply.id);
      if (reply.kind === 'result') waiting.resolve(reply.result);
      else waiting.reject(new RpcError(reply.message, reply.code));
    });
    worker.addEventListener('error', (event) => {
      // Handled here: the page shows the message; the browser need not log it as uncaught.
      event.preventDefault();
      this.failAll(new RpcError(event.message || 'The background worker stopped unexpectedly.', 'worker'));
    });
  }

  /** Call a worker method; resolves its result, rejects with an RpcError. */
  call<K extends keyof A & string>(method: K, params: ParamsOf<A, K>, options: CallOptions<ProgressOf<A, K>> = {}): Promise<ResultOf<A, K>> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress: options.onProgress as ((event: unknown) => void) | undefined });
      this.worker.postMessage({ id, method, params } satisfies RpcRequest, options.transfer ?? []);
    });
  }

  /** Stop the worker now; calls still waiting reject with `reason`. */
  terminate(reason: RpcError): void {
    this.worker.terminate();
    this.failAll(reason);
  }

  private failAll(error: RpcError): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/** Answer requests in a worker with the given handlers (one reply per request; progress before it). */
export function serveHandlers<A>(handlers: RpcHandlers<A>, scope: WorkerScope): void {
  const table = handlers as Record<string, (params: unknown, context: RpcContext<unknown>) => Promise<unknown>>;
  scope.onmessage = async (event: MessageEvent<RpcRequest>) => {
    const { id, method, params } = event.data;
    try {
      const handler = Object.hasOwn(table, method) ? table[method] : undefined;
      if (!handler) throw new Error(`The background worker has no operation "${method}".`);
      const result = await handler(params, { progress: (progressEvent) => scope.postMessage({ id, kind: 'progress', event: progressEvent }) });
      scope.postMessage({ id, kind: 'result', result });
    } catch (error) {
      scope.postMessage({ id, kind: 'error', message: error instanceof Error ? error.message : String(error), code: codeOf(error) });
    }
  };
}

/** One worker API, bound once for both sides. */
export interface RpcDefinition<A extends RpcApi<A>> {
  /** In the worker: serve these handlers (checked against the API). */
  serve(handlers: RpcHandlers<A>): void;
  /** On the page: a typed client for a worker running `serve`. */
  connect(worker: Worker): RpcClient<A>;
}

/** Bind a worker API interface; export the result beside the interface and use it on both sides. */
export function defineRpc<A extends RpcApi<A>>(): RpcDefinition<A> {
  return {
    serve: (handlers) => serveHandlers(handlers, self as unknown as WorkerScope),
    connect: (worker) => new RpcClient<A>(worker),
  };
}
