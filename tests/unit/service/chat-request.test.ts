import { describe, expect, it } from 'vitest';
import { chatRequestSchema, tierOfModel, toCouncilQuestion, unsupportedParameter } from '@/lib/service/openai/chat-request';

const parse = (body: unknown) => chatRequestSchema.parse(body);
const msgs = [{ role: 'user', content: 'Q' }];

describe('chat request mapping', () => {
  it('takes the last user message as the question, earlier turns as history, system messages as instructions', () => {
    const mapped = toCouncilQuestion(
      parse({
        model: 'quorum',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'assistant', content: 'Hello! Ask me anything.' },
          { role: 'user', content: 'Q1' },
          { role: 'assistant', content: 'A1' },
          { role: 'developer', content: 'Use metric units.' },
          { role: 'user', content: [{ type: 'text', text: 'Q2 part 1' }, { type: 'text', text: 'part 2' }] },
        ],
      }),
    );
    expect(mapped).toEqual({
      ok: true,
      value: { question: 'Q2 part 1\npart 2', history: [{ question: 'Q1', answer: 'A1' }], instructions: 'Be brief.\n\nUse metric units.' },
    });
  });

  it('joins consecutive user messages into one turn', () => {
    const mapped = toCouncilQuestion(parse({ model: 'quorum', messages: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }] }));
    expect(mapped).toMatchObject({ ok: true, value: { question: 'a\n\nb', history: [] } });
  });

  it('refuses a conversation that does not end with a user question, images and tool messages, naming the param', () => {
    expect(toCouncilQuestion(parse({ model: 'q', messages: [{ role: 'user', content: 'Q' }, { role: 'assistant', content: 'A' }] }))).toMatchObject({
      ok: false,
      problem: { param: 'messages' },
    });
    expect(toCouncilQuestion(parse({ model: 'q', messages: [{ role: 'user', content: '   ' }] }))).toMatchObject({ ok: false });
    expect(
      toCouncilQuestion(parse({ model: 'q', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }] })),
    ).toMatchObject({ ok: false, problem: { param: 'messages[0].content' } });
    expect(toCouncilQuestion(parse({ model: 'q', messages: [{ role: 'tool', content: 'x' }, { role: 'user', content: 'Q' }] }))).toMatchObject({
      ok: false,
      problem: { param: 'messages[0].role' },
    });
    expect(toCouncilQuestion(parse({ model: 'q', messages: [{ role: 'user', content: 'x'.repeat(20_001) }] }))).toMatchObject({ ok: false });
  });

  it('refuses what the council cannot honour and ignores sampling knobs', () => {
    expect(unsupportedParameter(parse({ model: 'q', messages: msgs, n: 3 }))).toMatchObject({ param: 'n' });
    expect(unsupportedParameter(parse({ model: 'q', messages: msgs, tools: [{}] }))).toMatchObject({ param: 'tools' });
    expect(unsupportedParameter(parse({ model: 'q', messages: msgs, logprobs: true }))).toMatchObject({ param: 'logprobs' });
    expect(unsupportedParameter(parse({ model: 'q', messages: msgs, n: 1, temperature: 2, top_p: 0.1, max_tokens: 3 }))).toBeNull();
  });

  it('maps model ids to tiers', () => {
    expect(tierOfModel('quorum', 'balanced')).toBe('balanced');
    expect(tierOfModel('quorum/speed', 'balanced')).toBe('speed');
    expect(tierOfModel('quorum/', 'balanced')).toBeNull();
    expect(tierOfModel('gpt-4o', 'balanced')).toBeNull();
  });
});
