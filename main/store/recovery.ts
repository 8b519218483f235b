// Which live runs have lost their owner. Several processes — the app, a CLI run, the web host — may
// share one database, each heartbeating in the owners table; a run is only declared interrupted when
// its owner is certainly gone, never while its owner is alive and heartbeating.

export interface OwnerRow {
  instance: string;
  pid: number;
  hostname: string;
  heartbeat_at: number;
}

export interface LiveRunRow {
  id: number;
  owner_instance: string | null;
  updated_at: number;
}

export interface RecoveryOptions {
  ownInstance: string;
  hostname: string;
  isAlive: (pid: number) => boolean;
  now: number;
  staleMs: number;
}

/** The runs to mark interrupted, each with when it last showed a sign of life (ms). */
export function planRecovery(runs: readonly LiveRunRow[], owners: readonly OwnerRow[], options: RecoveryOptions): { id: number; lastSignMs: number }[] {
  const ownerOf = new Map(owners.map((o) => [o.instance, o]));
  const gone = new Map<string, boolean>();
  const isGone = (owner: OwnerRow): boolean => {
    let answer = gone.get(owner.instance);
    if (answer === undefined) {
      const stale = options.now - owner.heartbeat_at > options.staleMs;
      const dead = owner.hostname === options.hostname && !options.isAlive(owner.pid);
      answer = stale || dead;
      gone.set(owner.instance, answer);
    }
    return answer;
  };
  const plan: { id: number; lastSignMs: number }[] = [];
  for (const run of runs) {
    if (run.owner_instance === options.ownInstance) continue;
    const owner = run.owner_instance === null ? undefined : ownerOf.get(run.owner_instance);
    if (owner && !isGone(owner)) continue;
    plan.push({ id: run.id, lastSignMs: Math.max(run.updated_at, owner?.heartbeat_at ?? 0) });
  }
  return plan;
}
