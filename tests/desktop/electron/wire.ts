// The wire between the two halves of the desktop harness: the lab's main process (a child Node process
// running dist/electron/main.js over the stand-in `electron` module) and the test's process (which holds
// Chromium through playwright-core). Calls go both ways and are answered by id; notes expect no answer.
// Messages cross Node's IPC channel with `serialization: 'advanced'`, a structured clone like Electron's IPC.

export type Message =
  | { t: 'call'; id: number; op: string; payload: unknown }
  | { t: 'note'; op: string; payload: unknown }
  | { t: 'reply'; id: number; ok: true; value: unknown }
  | { t: 'reply'; id: number; ok: false; error: string };

export interface Port {
  send(message: Message): void;
  onMessage(listener: (message: Message) => void): void;
}

export type Handlers = Record<string, (payload: never) => unknown>;

export interface Peer {
  call<T = unknown>(op: string, payload?: unknown): Promise<T>;
  note(op: string, payload?: unknown): void;
}

export function createPeer(port: Port, handlers: Handlers): Peer {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  port.onMessage((message) => {
    if (message.t === 'reply') {
      const waiter = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(message.error));
      return;
    }
    const handler = handlers[message.op] as ((payload: unknown) => unknown) | undefined;
    const answer = (async () => {
      if (!handler) throw new Error(`the harness has no handler for "${message.op}"`);
      return handler(message.payload);
    })();
    if (message.t === 'note') {
      answer.catch((error: unknown) => process.stderr.write(`harness note ${message.op} failed: ${String(error)}\n`));
      return;
    }
    answer.then(
      (value) => port.send({ t: 'reply', id: message.id, ok: true, value }),
      (error: unknown) => port.send({ t: 'reply', id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  return {
    call<T>(op: string, payload?: unknown) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        port.send({ t: 'call', id, op, payload });
      });
    },
    note(op, payload) {
      port.send({ t: 'note', op, payload });
    },
  };
}
