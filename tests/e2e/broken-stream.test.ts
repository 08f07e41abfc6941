import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchBrowser } from './browser';
import { ask, lastTurn, openApp, waitForEnd } from './app-page';

const baseURL = inject('baseURL');
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await Promise.all(pages.map((p) => p.context().close()));
  await browser?.close();
});

const sse = (event: Record<string, unknown>) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/** The start of a real-looking run that stops without its terminal event: the connection broke. */
function truncatedRun(): string {
  const base = { runId: 'broken-run' };
  const policy = {
    deadlinesMs: { answer: 1, ranking: 1, synthesis: 1 }, firstTokenTimeoutMs: 1, idleTimeoutMs: 1, quorum: 0.5,
    straggler: { factor: 1.5, floorMs: 1 }, lateRankings: 'keep', excludeSelf: false, minAnswers: 2,
    maxTokens: { answer: 1, ranking: 1, synthesis: 1 },
  };
  return [
    { ...base, seq: 1, t: 0, type: 'run.started', question: 'q', tier: 'balanced', members: ['e2e-alpha', 'e2e-beta'], chairman: 'e2e-alpha', fallbackChairmen: [], policy },
    { ...base, seq: 2, t: 1, type: 'stage.started', stage: 1, models: ['e2e-alpha', 'e2e-beta'] },
    { ...base, seq: 3, t: 2, type: 'member.started', stage: 1, model: 'e2e-alpha', attempt: 1 },
    { ...base, seq: 4, t: 30, type: 'member.delta', stage: 1, model: 'e2e-alpha', text: 'What came before the break' },
  ].map(sse).join('');
}

describe('a broken stream', () => {
  it('shows a clear error with a Retry button, keeps what came, and Retry runs the question again', async () => {
    const page = await openApp(browser, baseURL);
    pages.push(page);
    await page.route('**/api/council', (route) =>
      route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream' }, body: truncatedRun() }),
    );
    await ask(page, 'Will this break?');
    const error = lastTurn(page).getByTestId('stream-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.innerText()).toMatch(/closed before the run finished/);
    expect(await lastTurn(page).getByTestId('member-text').innerText()).toContain('What came before the break');

    await page.unroute('**/api/council');
    await error.getByRole('button', { name: 'Retry' }).click();
    await waitForEnd(page, 'completed');
    expect(await page.getByTestId('stream-error').count()).toBe(0);
    expect(await page.getByTestId('assistant-turn').count()).toBe(1);
  });

  it("shows the server's message when it refuses the question", async () => {
    const page = await openApp(browser, baseURL);
    pages.push(page);
    await page.route('**/api/council', (route) => {
      const body = route.request().postDataJSON() as { question: string };
      return route.continue({ postData: JSON.stringify({ ...body, tier: 'no-such-tier' }) });
    });
    await ask(page, 'Which tier?');
    const error = lastTurn(page).getByTestId('stream-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.innerText()).toMatch(/Unknown tier "no-such-tier"/);
  });
});
