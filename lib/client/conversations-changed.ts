/**
 * A same-page signal from the live chat to the history sidebar: a run has created or updated a
 * conversation, so the list should refresh now rather than at its next poll.
 */
export const CONVERSATIONS_CHANGED = 'quorum:conversations-changed';

export function announceConversationsChanged(): void {
  window.dispatchEvent(new Event(CONVERSATIONS_CHANGED));
}
