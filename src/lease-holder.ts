import { randomBytes } from 'node:crypto';

/**
 * Who holds a lease row (the collector lease, a shared stream run): HOSTNAME (the container or pod
 * name), pid and a random part, so a restarted process is a new holder.
 */
export function holderIdentity(replicaName: string): string {
  return `${replicaName.replace(/:/g, '_')}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * A holder of this replica name whose process is gone (a crash, then a restart of the only process):
 * its lease need not be waited out. Another name's holder, or a live process, is never presumed dead
 * (replicas in containers have distinct names: Docker and Kubernetes set HOSTNAME per container).
 */
export function holderIsDead(other: string, me: string): boolean {
  const [otherHost, otherPid] = other.split(':');
  const [myHost, myPid] = me.split(':');
  if (otherHost !== myHost || otherPid === myPid || !/^\d+$/.test(otherPid ?? '')) return false;
  try {
    process.kill(Number(otherPid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
