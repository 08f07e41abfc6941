/** Valid rankings needed before stage 3 may start: ⌈quorum · judges⌉, at least 1, at most all of them. */
export function quorumSize(quorum: number, judges: number): number {
  return Math.min(judges, Math.max(1, Math.ceil(quorum * judges)));
}
