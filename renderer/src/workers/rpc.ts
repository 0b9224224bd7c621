/**
 * Minimal request/response over postMessage: each request carries an id, the worker answers with
 * the same id. Used by the renderer's clients for its workers.
 */
export interface RpcRequest<M extends string = string, P = unknown> {
  id: number;
  method: M;
  params: P;
}
export type RpcResponse<R = unknown> = { id: number; ok: true; result: R } | { id: number; ok: false; message: string };

/** A promise-returning caller over a worker. */
export class RpcClient<Api extends Record<string, (params: never) => unknown>> {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<RpcResponse>) => {
      const waiting = this.pending.get(event.data.id);
      if (!waiting) return;
      this.pending.delete(event.data.id);
      if (event.data.ok) waiting.resolve(event.data.result);
      else waiting.reject(new Error(event.data.message));
    });
    worker.addEventListener('error', (event) => {
      const error = new Error(event.message || 'The background worker stopped unexpectedly.');
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    });
  }

  /** Call a worker method; transfer lists the buffers to move rather than copy. */
  call<K extends keyof Api & string>(method: K, params: Parameters<Api[K]>[0], transfer: Transferable[] = []): Promise<Awaited<ReturnType<Api[K]>>> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, method, params } satisfies RpcRequest, transfer);
    });
  }
}

/** Serve an API object inside a worker. */
export function serveRpc(api: Record<string, (params: never) => unknown>): void {
  const scope = self as unknown as { onmessage: ((e: MessageEvent<RpcRequest>) => void) | null; postMessage: (m: unknown, t?: Transferable[]) => void };
  scope.onmessage = async (event: MessageEvent<RpcRequest>) => {
    const { id, method, params } = event.data;
    const fn = api[method];
    try {
      if (!fn) throw new Error(`Unknown worker method ${method}`);
      const result = await fn(params as never);
      scope.postMessage({ id, ok: true, result } satisfies RpcResponse);
    } catch (err) {
      scope.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) } satisfies RpcResponse);
    }
  };
}
