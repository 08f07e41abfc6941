/**
 * The MCP tool `ask_council` (DESIGN.md §6): a thin adapter over the one council pipeline. The result is the
 * final answer as text plus structured content; a progress notification goes out at every stage change, and
 * the client cancelling the request (or going away) cancels the run and every upstream call.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Identity } from '@/lib/access/identity';
import type { CouncilEvent } from '@/lib/council/events';
import { startCouncilRun, type PipelineDeps } from '@/lib/server/council-pipeline';
import { MAX_QUESTION_CHARS } from '@/lib/server/council-request';
import { RunSummaryFold } from '../run-summary';

const STAGE_NAMES: Record<number, string> = { 1: 'answers', 2: 'peer ranking', 3: 'synthesis' };

const inputSchema = {
  question: z.string().trim().min(1).max(MAX_QUESTION_CHARS).describe('The question for the council.'),
  tier: z.string().min(1).max(100).optional().describe('A tier id (see the server’s tiers); the default tier when left out.'),
};

const outputSchema = {
  runId: z.string(),
  members: z.array(z.string()),
  chairman: z.string().nullable(),
  aggregate: z.array(z.object({ model: z.string(), averageRank: z.number().nullable(), votes: z.number() })),
  timing: z.object({ totalMs: z.number(), stages: z.array(z.object({ stage: z.number(), durationMs: z.number() })) }),
  costUsd: z.number(),
  failures: z.array(z.object({ model: z.string(), stage: z.number(), reason: z.string() })),
  degraded: z.boolean(),
};

/** What the tool needs from the request that carried it: who asks, the pipeline, and the HTTP request's signal. */
export interface AskCouncilContext {
  identity: Identity;
  deps: () => PipelineDeps;
}

export function registerAskCouncil(server: McpServer, context: () => AskCouncilContext): void {
  server.registerTool(
    'ask_council',
    {
      title: 'Ask the council',
      description:
        'Asks a council of language models: every member answers, they rank each other anonymously, and a chairman ' +
        'writes the final answer. Takes tens of seconds; progress is reported per stage.',
      inputSchema,
      outputSchema,
    },
    async ({ question, tier }, extra) => {
      const { identity, deps } = context();
      const started = await startCouncilRun({ identity, source: 'mcp', question, ...(tier ? { tier } : {}), signal: extra.signal }, deps());
      if (!started.ok) return { isError: true, content: [{ type: 'text' as const, text: started.refusal.message }] };
      const { run } = started;
      const fold = new RunSummaryFold(run.runId, run.tier);
      const progressToken = extra._meta?.progressToken;
      for await (const event of run.events) {
        fold.observe(event);
        if (progressToken !== undefined) {
          const progress = progressOf(event);
          if (progress) {
            await extra
              .sendNotification({ method: 'notifications/progress', params: { progressToken, ...progress, total: 3 } })
              .catch(() => undefined);
          }
        }
      }
      const summary = fold.result();
      const ending = fold.ending;
      if (ending?.kind !== 'completed') {
        const message = ending ? ending.message : 'The council run ended without an answer.';
        return { isError: true, content: [{ type: 'text' as const, text: message }] };
      }
      return {
        content: [{ type: 'text' as const, text: ending.text }],
        structuredContent: {
          runId: summary.runId,
          members: summary.members,
          chairman: summary.chairman,
          aggregate: summary.aggregate,
          timing: summary.timing,
          costUsd: summary.costUsd,
          failures: summary.failures,
          degraded: summary.degraded,
        },
      };
    },
  );
}

/** One notification when each stage starts (progress = stages finished so far). */
function progressOf(event: CouncilEvent): { progress: number; message: string } | null {
  if (event.type !== 'stage.started') return null;
  return { progress: event.stage - 1, message: `Stage ${event.stage} of 3: ${STAGE_NAMES[event.stage]}` };
}
