import { describe, it, expect } from 'vitest';
import { answerMessages, rankingMessages, synthesisMessages } from '@/lib/council/prompts';
import { assignLabels } from '@/lib/council/assign-labels';
import { parseRanking } from '@/lib/council/parse-ranking';
import { aggregateRankings } from '@/lib/council/aggregate-rankings';
import { seededRandom } from '@/lib/council/random';
import { collect } from './simulated-helpers';

/** The three stages by hand with the council's own prompts, parser and aggregate: the pieces fit together. */
describe('a simulated council, stage by stage', () => {
  const members = ['sim-sage', 'sim-atlas', 'sim-quill', 'sim-ember'];
  const question = 'What are the trade-offs between microservices and a modular monolith?';

  it('answers, ranks validly with self-votes excluded, and synthesises from the top answers', async () => {
    const answers = new Map<string, string>();
    for (const model of members) answers.set(model, (await collect({ model }, answerMessages(question, []))).text);

    const random = seededRandom(2024);
    const rankings: { ranked: string[] }[] = [];
    const critiques: { judge: string; text: string; labels: Record<string, string> }[] = [];
    for (const judge of members) {
      const labels = assignLabels(members.filter((m) => m !== judge), random);
      const responses = Object.entries(labels).map(([label, model]) => ({ label, text: answers.get(model)! }));
      const { text } = await collect({ model: judge }, rankingMessages(question, responses));
      const parsed = parseRanking(text, Object.keys(labels));
      expect(parsed.valid).toBe(true);
      expect(parsed.critique).not.toBe('');
      rankings.push({ ranked: parsed.order.map((label) => labels[label]) });
      critiques.push({ judge, text: parsed.critique, labels });
    }

    const aggregate = aggregateRankings(rankings, members);
    expect(aggregate.every((entry) => entry.votes === 3)).toBe(true);

    const chairmanView = aggregate.map((entry, i) => ({ label: String.fromCharCode(65 + i), model: entry.model, text: answers.get(entry.model)! }));
    const { text } = await collect({ model: 'sim-sage' }, synthesisMessages({ question, history: [], answers: chairmanView, aggregate, critiques }));
    // The chairman's first point comes from the top-ranked answer.
    const firstPoint = /^- (.+)$/m.exec(text)![1];
    expect(answers.get(aggregate[0].model)!).toContain(firstPoint);
    expect(text).toMatch(/microservices|modular monolith/i);
  });
});
