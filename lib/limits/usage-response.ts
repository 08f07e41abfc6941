import type { Identity } from '@/lib/access/identity';
import { jsonResponse } from '@/lib/http/json-response';
import { refusalResponse } from '@/lib/server/refusal';
import type { KeyLimitsAdmission } from './key-limits-admission';
import { limitsUnavailable } from './limit-refusals';

/** GET /api/usage's answer for an identity: its UsageReport, or 503 `limits_unavailable` while Redis is away. */
export async function usageResponse(admission: KeyLimitsAdmission, identity: Identity): Promise<Response> {
  try {
    return jsonResponse(await admission.usage(identity));
  } catch {
    return refusalResponse(limitsUnavailable());
  }
}
