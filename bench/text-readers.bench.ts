/**
 * The text readers on adversarial input (DESIGN.md §5: no regular expression runs in super-linear time on
 * untrusted text). For each reader, the worst of a set of inputs built to make a backtracking pattern retry from
 * every position: p50 per call at 2,000 and 20,000 characters, and their ratio (linear ≈ 10, quadratic ≈ 100).
 */
import { findJsonRanking } from '@/lib/council/parse-ranking-json';
import { findListRanking } from '@/lib/council/parse-ranking-list';
import { neutraliseFences } from '@/lib/council/prompts';
import { composeRanking } from '@/lib/providers/simulated/compose-ranking';
import { composeSynthesis } from '@/lib/providers/simulated/compose-synthesis';
import { keyTerms } from '@/lib/providers/simulated/key-terms';
import { redactSecret } from '@/lib/providers/http/redact-secret';
import { normaliseText } from '@/lib/http/normalise-text';

const INPUTS: ((n: number) => string)[] = [
  (n) => '<' + ' '.repeat(n) + 'x',
  (n) => 'a' + "'".repeat(n) + 'b',
  (n) => 'FINAL RANKING: A' + ' '.repeat(n) + 'B',
  (n) => '\n'.repeat(n) + 'x',
  (n) => 'a'.repeat(n),
  (n) => '{' + "'ranking': ['" + "'".repeat(n) + ']}',
  (n) => 'sk-' + '-'.repeat(n),
];

const random = () => 0.5;
const READERS: Record<string, (text: string) => unknown> = {
  neutraliseFences,
  findJsonRanking,
  findListRanking,
  keyTerms: (text) => keyTerms(text),
  composeRanking: (text) => composeRanking(text, [{ label: 'A', text }], random),
  composeSynthesis: (text) => composeSynthesis(text, [{ label: 'A', text }], ['A'], random),
  redactSecret: (text) => redactSecret(text, 'a-configured-key'),
  normaliseText,
};

const RUNS = 15;

function p50Ms(read: (text: string) => unknown, text: string): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    read(text);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

export async function run(): Promise<void> {
  console.log(`worst adversarial input per reader, p50 of ${RUNS} calls`);
  for (const [name, read] of Object.entries(READERS)) {
    const small = Math.max(...INPUTS.map((input) => p50Ms(read, input(2_000))));
    const large = Math.max(...INPUTS.map((input) => p50Ms(read, input(20_000))));
    console.log(
      `${name.padEnd(18)} 2k ${small.toFixed(3).padStart(7)} ms  20k ${large.toFixed(3).padStart(8)} ms  ratio ${(large / small).toFixed(1)}`,
    );
  }
}
