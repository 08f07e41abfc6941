/**
 * Reads back the council's own prompts (lib/council/prompts.ts) to tell which stage a request is
 * for and what it holds, the way a real model reads them: by their instructions and fences.
 */
import type { ChatMessage } from '@/lib/council/chat-model';
import { RANKING_SYSTEM_PROMPT, SYNTHESIS_SYSTEM_PROMPT } from '@/lib/council/prompts';

export interface FencedText {
  label: string;
  text: string;
}

export type SimulatedTask =
  /** `earlier`: the conversation's earlier questions, most recent last. */
  | { kind: 'answer'; question: string; earlier: string[] }
  | { kind: 'ranking'; question: string; responses: FencedText[] }
  | { kind: 'synthesis'; question: string; answers: FencedText[]; rankedLabels: string[] };

export function readRequest(messages: ChatMessage[]): SimulatedTask {
  const system = messages.find((message) => message.role === 'system')?.content ?? '';
  const user = [...messages].reverse().find((message) => message.role === 'user')?.content ?? '';
  if (system === RANKING_SYSTEM_PROMPT) {
    return { kind: 'ranking', question: firstFenced(user, 'question'), responses: fenced(user, 'response') };
  }
  if (system === SYNTHESIS_SYSTEM_PROMPT) {
    const ranking = /<ranking>\n([\s\S]*?)\n<\/ranking>/.exec(user)?.[1] ?? '';
    const rankedLabels = [...ranking.matchAll(/^([A-Z]{1,3}): average position/gm)].map((match) => match[1]);
    return { kind: 'synthesis', question: firstFenced(user, 'question'), answers: fenced(user, 'answer'), rankedLabels };
  }
  const earlier = messages.filter((message) => message.role === 'user').map((message) => message.content);
  return { kind: 'answer', question: user, earlier: earlier.slice(0, -1) };
}

/** Our fences put the text on its own lines and neutralise any tag of ours inside it, so this is exact. */
function fenced(text: string, tag: string): FencedText[] {
  const pattern = new RegExp(`<${tag} label="([^"]*)">\\n([\\s\\S]*?)\\n</${tag}>`, 'g');
  return [...text.matchAll(pattern)].map((match) => ({ label: match[1], text: match[2] }));
}

function firstFenced(text: string, tag: string): string {
  return new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(text)?.[1] ?? '';
}
