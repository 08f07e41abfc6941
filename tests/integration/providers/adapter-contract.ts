import { describe } from 'vitest';
import type { AdapterSubject } from './contract-helpers';
import { streamingContract } from './contract-streaming';
import { faultContract } from './contract-faults';
import { lifecycleContract } from './contract-lifecycle';

export type { AdapterSubject } from './contract-helpers';

/** One suite for every vendor adapter, over real HTTP against the fake upstream (hono's runTest style). */
export function runAdapterContract(subject: AdapterSubject): void {
  describe(`${subject.name} adapter contract`, () => {
    streamingContract(subject);
    faultContract(subject);
    lifecycleContract(subject);
  });
}
