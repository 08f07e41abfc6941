export { startFakeUpstream } from './server';
export { waitUntil } from './wait-until';
export type { Behaviour, FakeUpstream, FakeUpstreamScript, Fault, ParsedRequest, RecordedRequest } from './types';
