'use client';
/**
 * Renders untrusted model output as Markdown. Raw HTML is never interpreted (no rehype-raw: react-markdown
 * shows it as text), links keep only http(s)/mailto targets and images become text, so an answer cannot run
 * script, load a tracker or point at this app.
 */
import type { AnchorHTMLAttributes, ImgHTMLAttributes } from 'react';
import ReactMarkdown from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import { safeUrl } from '@/lib/client/safe-url';

function SafeLink({ href, children }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  if (!href) return <span className="text-neutral-600 dark:text-neutral-400 underline decoration-dotted">{children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-blue-700 underline dark:text-blue-400">
      {children}
    </a>
  );
}

function ImageAsText({ alt }: ImgHTMLAttributes<HTMLImageElement>) {
  return <span className="text-neutral-600 dark:text-neutral-400">[image{alt ? `: ${alt}` : ''}]</span>;
}

const components = { a: SafeLink, img: ImageAsText };
const remarkPlugins = [remarkGfm];
const rehypePlugins = [rehypeHighlight];

export default function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        urlTransform={(url) => safeUrl(url)}
        components={components}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
