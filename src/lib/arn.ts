/**
 * The last `/`-separated part of an ARN (a task id, `family:revision`, a service or cluster
 * name); a plain name comes back unchanged.
 */
export const arnTail = (ref: string): string => ref.slice(ref.lastIndexOf('/') + 1);
