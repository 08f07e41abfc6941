import type { ParsedRequest } from './types';

export type StopKind = 'stop' | 'length';
export interface Usage {
  input: number;
  output: number;
}

/** How one vendor spells each piece of an answer on the wire; the pacing and faults are shared. */
export interface ProtocolWriter {
  parse(body: unknown, headers: ParsedRequest['headers']): ParsedRequest;
  start(model: string, usage: Usage): string;
  delta(text: string): string;
  finish(model: string, stop: StopKind, usage: Usage, cost?: number): string;
  /** A frame whose JSON is cut in half. */
  malformed(): string;
  json(model: string, text: string, stop: StopKind, usage: Usage, cost?: number): unknown;
  errorBody(status: number, message: string): unknown;
}

/** Message content is a string or a list of blocks; the fake only needs the text. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((block) => (typeof block?.text === 'string' ? block.text : '')).join('');
  }
  return '';
}
