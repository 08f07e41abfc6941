/**
 * Which text of a run a client reads as "the answer", as it streams: only the chairman's tokens (stage 3),
 * never stage-1 answers or stage-2 critiques. Pure: `observe(event)` returns the text to send now.
 *
 * The stream cannot take back what it sent. When a chairman's attempt is retried or a fallback chairman takes
 * over after some of its text went out, a separator is sent before the new text; when the final text is not a
 * chairman's stream at all (every chairman failed, or a mode without stage 3), it is sent whole at the end.
 */
import type { CouncilEvent } from '@/lib/council/events';

export const RESTART_SEPARATOR = '\n\n---\n\n';

export class FinalAnswerText {
  /** Text sent since the current chairman attempt began. */
  private segment = '';
  private sentAny = false;
  private restartPending = false;

  observe(event: CouncilEvent): string {
    switch (event.type) {
      case 'member.delta':
        return event.stage === 3 ? this.send(event.text) : '';
      case 'member.retrying':
      case 'member.failed':
        if (event.stage === 3 && this.segment !== '') {
          this.restartPending = true;
          this.segment = '';
        }
        return '';
      case 'run.completed': {
        if (event.text.startsWith(this.segment) && !this.restartPending) return this.send(event.text.slice(this.segment.length));
        // What went out is not the start of the final text: say so, then send all of it.
        if (this.sentAny) this.restartPending = true;
        this.segment = '';
        return this.send(event.text);
      }
      default:
        return '';
    }
  }

  private send(text: string): string {
    if (text === '') return '';
    const prefix = this.restartPending && this.sentAny ? RESTART_SEPARATOR : '';
    this.restartPending = false;
    this.segment += text;
    this.sentAny = true;
    return prefix + text;
  }
}
