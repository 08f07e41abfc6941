'use client';
/**
 * Markdown loaded on demand: the parser and highlighter stay out of the first page load. Until they arrive
 * the text shows as plain text (React escapes it), so nothing waits and nothing unsafe renders.
 */
import { lazy, Suspense } from 'react';

const Markdown = lazy(() => import('./markdown'));

/** Starts loading the Markdown renderer early (e.g. when a question is sent). */
export function preloadMarkdown(): void {
  void import('./markdown');
}

export function MarkdownText({ text }: { text: string }) {
  return (
    <Suspense fallback={<p className="whitespace-pre-wrap">{text}</p>}>
      <Markdown text={text} />
    </Suspense>
  );
}
