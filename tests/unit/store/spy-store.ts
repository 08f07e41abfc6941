import type { NewRun, Store, WriteBatch } from '@/lib/store/store';

/**
 * A store that only records what the run recorder asks of it. `gate` (when set) holds every write until it
 * resolves; `failWith` makes every write reject.
 */
export class SpyStore {
  readonly runs: NewRun[] = [];
  readonly batches: WriteBatch[] = [];
  gate: Promise<void> | null = null;
  failWith: Error | null = null;

  asStore(): Store {
    const notUsed = () => {
      throw new Error('not used by the recorder');
    };
    return {
      dialect: 'sqlite',
      createRun: async (run) => {
        await this.gate;
        if (this.failWith) throw this.failWith;
        this.runs.push(run);
      },
      writeBatch: async (batch) => {
        await this.gate;
        if (this.failWith) throw this.failWith;
        this.batches.push(batch);
      },
      createConversation: notUsed,
      getConversation: notUsed,
      listConversations: notUsed,
      renameConversation: notUsed,
      deleteConversation: notUsed,
      conversationExists: notUsed,
      createAccessKey: notUsed,
      listAccessKeys: notUsed,
      hasAccessKeys: notUsed,
      findActiveKeyByHash: notUsed,
      revokeAccessKey: notUsed,
      createSession: notUsed,
      findActiveSession: notUsed,
      revokeSession: notUsed,
      getRun: notUsed,
      listRuns: notUsed,
      listMessages: notUsed,
      listEvents: notUsed,
      listLlmRequests: notUsed,
      listAnsweredTurns: notUsed,
      readStatsSummary: notUsed,
      interruptRunningRuns: notUsed,
      listPresets: notUsed,
      putPreset: notUsed,
      deletePreset: notUsed,
      renewLease: notUsed,
      releaseLease: notUsed,
      interruptOrphanedRuns: notUsed,
      ping: notUsed,
      deleteLlmRequestsBefore: notUsed,
      close: async () => undefined,
    };
  }

  get events() {
    return this.batches.flatMap((b) => b.events ?? []);
  }

  get runEnd() {
    return this.batches.find((b) => b.runEnd)?.runEnd;
  }

  /** The latest version of each llm_requests row, in the order first written. */
  get llmRequests() {
    const rows = new Map<string, NonNullable<WriteBatch['llmRequests']>[number]>();
    for (const row of this.batches.flatMap((b) => b.llmRequests ?? [])) rows.set(`${row.stage}|${row.model}|${row.attempt}`, row);
    return [...rows.values()];
  }
}
