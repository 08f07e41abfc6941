/** One question and the council's run answering it, as the chat keeps it. */
import type { CouncilPick } from './council-pick';
import type { RunState } from './run-state';

export interface ChatTurn {
  id: string;
  question: string;
  tier: string;
  /** The custom council it was asked of, if any (a retry asks the same). */
  pick?: CouncilPick;
  run: RunState;
  /** True while the stream for this turn is open. */
  streaming: boolean;
  /** Why the stream could not be read to its end (what came is kept in `run`). */
  error: string | null;
  /** True while the connection is lost and the stream is being resumed (the run goes on on the server). */
  reconnecting?: boolean;
}
