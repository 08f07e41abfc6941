'use client';
import type { RunState } from '@/lib/client/run-state';
import { MarkdownText } from './markdown-text';
import { MemberSpend } from './member-spend';
import { StatusBadge } from './status-badge';
import { StatusDot } from './status-dot';
import { Tabs } from './tabs';

/** One tab per council member: its stage-1 answer, streaming, with a status badge. */
export function AnswersPanel({ run }: { run: RunState }) {
  const stage = run.stages[1];
  const models = stage.models.length > 0 ? stage.models : run.members;
  if (models.length === 0) return <p className="text-sm text-neutral-600 dark:text-neutral-400">Waiting for the council…</p>;
  return (
    <Tabs
      label="Member answers"
      size="sm"
      items={models.map((model) => {
        const member = stage.members[model];
        return {
          id: model,
          label: (
            <span className="flex items-center gap-1.5">
              {model}
              {member && <StatusDot status={member.status} />}
            </span>
          ),
          content: () => (
            <section data-testid="member-answer" data-model={model} aria-label={`Answer from ${model}`}>
              <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium">{model}</span>
                {member && <StatusBadge member={member} />}
                {member && <MemberSpend member={member} run={run} />}
              </div>
              {member?.failure && (
                <p className="mb-2 text-sm text-red-700 dark:text-red-300" data-testid="member-failure">
                  {member.failure.reason}: {member.failure.message}
                </p>
              )}
              <div data-testid="member-text" className="text-sm">
                {member?.text ? <MarkdownText text={member.text} /> : <p className="text-neutral-600 dark:text-neutral-400">No text yet.</p>}
              </div>
            </section>
          ),
        };
      })}
    />
  );
}
