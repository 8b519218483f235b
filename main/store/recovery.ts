// Which live runs have lost their owner. Several processes — the app, a CLI run, the web host — may
// share one database, each heartbeating in the owners table; a run is only declared interrupted when
// its owner is certainly gone, never while its owner is alive and heartbeating. The same rule keeps a
// run that another process is training from being deleted under it.

import { LIVE_STATUSES } from '../api/contract';

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

/** An owner whose heartbeat is older than this is gone (owners beat every 5 s; a busy disk may delay a few beats). */
export const STALE_MS = 60000;

export interface LivenessOptions {
  hostname: string;
  isAlive: (pid: number) => boolean;
  now: number;
  staleMs: number;
}

export interface RecoveryOptions extends LivenessOptions {
  ownInstance: string;
}

/** Whether a process of this machine is still running (EPERM: it runs, as another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An owner is gone when its heartbeat is stale, or when it ran on this machine and its process has
 * ended. An owner on another machine with a fresh heartbeat is alive: its pid means nothing here.
 */
export function isOwnerGone(owner: OwnerRow, options: LivenessOptions): boolean {
  const stale = options.now - owner.heartbeat_at > options.staleMs;
  const dead = owner.hostname === options.hostname && !options.isAlive(owner.pid);
  return stale || dead;
}

/** The runs to mark interrupted, each with when it last showed a sign of life (ms). */
export function planRecovery(runs: readonly LiveRunRow[], owners: readonly OwnerRow[], options: RecoveryOptions): { id: number; lastSignMs: number }[] {
  const ownerOf = new Map(owners.map((o) => [o.instance, o]));
  const gone = new Map<string, boolean>();
  const isGone = (owner: OwnerRow): boolean => {
    let answer = gone.get(owner.instance);
    if (answer === undefined) {
      answer = isOwnerGone(owner, options);
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

/** Who asks to delete a run: the instance this process trains under; `isAlive` and `now` are for tests. */
export interface DeleteOptions {
  ownInstance?: string;
  isAlive?: (pid: number) => boolean;
  now?: number;
}

/**
 * Why run `id` may not be deleted now — it is live and its owner is alive: this very process, or one
 * that heartbeats — or null when it may (a finished run, or a live one whose owner is gone).
 */
export function whyStillTrained(
  id: number,
  run: { status: string; owner_instance: string | null },
  owner: OwnerRow | undefined,
  options: DeleteOptions & { hostname: string },
): string | null {
  if (!(LIVE_STATUSES as readonly string[]).includes(run.status) || run.owner_instance === null) return null;
  if (run.owner_instance === options.ownInstance) return `Run ${id} is still training: stop it before deleting it.`;
  const liveness = { hostname: options.hostname, isAlive: options.isAlive ?? isProcessAlive, now: options.now ?? Date.now(), staleMs: STALE_MS };
  if (!owner || isOwnerGone(owner, liveness)) return null;
  return `Run ${id} is being trained by another lab process (pid ${owner.pid} on ${owner.hostname}); stop it there first.`;
}
