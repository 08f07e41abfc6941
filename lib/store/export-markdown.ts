/**
 * A conversation as a Markdown document: for each run, the question, the final answer, then each member's
 * answer and the aggregate ranking, as stored in the run's events. Model output is written as it came: the
 * file is for reading, and whoever renders it must treat it as untrusted as the app does.
 */
import type { AggregateEntry, CouncilEvent } from '@/lib/council/events';
import type { ConversationDetail, RunWithEvents } from './conversations';

export function conversationToMarkdown(detail: ConversationDetail): string {
  const lines = [`# ${oneLine(detail.title)}`, '', `_Created ${detail.createdAt} · ${detail.runs.length} question(s)_`, ''];
  detail.runs.forEach((run, i) => lines.push(...runToMarkdown(run, i + 1)));
  return `${lines.join('\n').trimEnd()}\n`;
}

function runToMarkdown(run: RunWithEvents, n: number): string[] {
  const lines = [`## ${n}. ${oneLine(run.question)}`, ''];
  const facts = [`tier ${run.tier}`, run.status];
  if (run.totals) {
    facts.push(`${(run.totals.durationMs / 1000).toFixed(1)} s`, `${run.totals.tokens.input + run.totals.tokens.output} tokens`);
    if (run.totals.costUsd > 0) facts.push(`$${run.totals.costUsd.toFixed(4)}`);
  }
  lines.push(`_${facts.join(' · ')}_`, '');
  if (run.question.includes('\n')) lines.push('**Question**', '', run.question, '');
  lines.push('### Answer', '', run.finalText ?? `_No final answer (${run.status})._`, '');
  const answers = memberAnswers(run.events);
  if (answers.length > 0) {
    lines.push('### Council answers', '');
    for (const answer of answers) lines.push(`#### ${oneLine(answer.model)}`, '', answer.text, '');
  }
  const aggregate = lastAggregate(run.events);
  if (aggregate) {
    lines.push('### Ranking', '', '| Model | Average rank | Votes |', '| --- | --- | --- |');
    for (const entry of aggregate) {
      lines.push(`| ${cell(entry.model)} | ${entry.averageRank === null ? '—' : entry.averageRank.toFixed(2)} | ${entry.votes} |`);
    }
    lines.push('');
  }
  return lines;
}

function memberAnswers(events: CouncilEvent[]): { model: string; text: string }[] {
  return events.flatMap((e) => (e.type === 'member.completed' && e.stage === 1 ? [{ model: e.model, text: e.text }] : []));
}

/** The aggregate including late rankings when there is one: it is the fullest picture. */
function lastAggregate(events: CouncilEvent[]): AggregateEntry[] | null {
  const aggregates = events.filter((e) => e.type === 'ranking.aggregate');
  return aggregates.at(-1)?.entries ?? null;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function cell(text: string): string {
  return oneLine(text).replace(/\|/g, '\\|');
}

/** A safe file name for the download: letters, digits and dashes from the title. */
export function exportFileName(title: string, extension: 'md' | 'json'): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .toLowerCase()
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'conversation'}.${extension}`;
}
