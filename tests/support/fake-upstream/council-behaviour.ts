import type { ChatRequest } from '@/lib/council/chat-model';
import { rankingReply, roleOf, type CallRole } from '@/tests/support/scripted-model';
import type { Behaviour, ParsedRequest, RateLimitScript } from './types';

/** How one council member behaves upstream, per stage (times in real ms, keep them small). */
export interface CouncilMemberScript {
  /** Time to first token per stage. */
  latencyMs: Record<CallRole, number>;
  /** Pace of the stage-1 answer; rankings and the synthesis come all at once. */
  tokensPerSecond?: number;
  /** Model ids best first: how this member ranks the answers it is shown. */
  preference: string[];
  /** Extra words in the stage-1 answer, to make streams longer. */
  padWords?: number;
  /** A per-model request window (429 past it), as a real provider keeps one per model. */
  rateLimit?: RateLimitScript;
}

/** The engine's prompts tell the stage apart; the scripted-model helpers read them the same way. */
const asChatRequest = (request: ParsedRequest) => ({ messages: request.messages }) as unknown as ChatRequest;

/**
 * A fake-upstream behaviour that plays one council member over HTTP: answers recognisably as
 * `answer from [<id>]`, ranks by `preference`, and synthesises a final answer.
 */
export function councilMemberBehaviour(id: string, script: CouncilMemberScript): Behaviour {
  return {
    ...(script.rateLimit ? { rateLimit: script.rateLimit } : {}),
    tokensPerSecond: (request) => (roleOf(asChatRequest(request)) === 'answer' ? script.tokensPerSecond : undefined),
    firstTokenMs: (request) => script.latencyMs[roleOf(asChatRequest(request))],
    content: (request) => {
      const role = roleOf(asChatRequest(request));
      if (role === 'ranking') return rankingReply(asChatRequest(request), script.preference);
      if (role === 'synthesis') return `The council agrees, says [${id}].`;
      return `${'word '.repeat(script.padWords ?? 0)}answer from [${id}]`;
    },
  };
}
