import type { Identity } from '@/lib/access/identity';
import type { CouncilChoice, CouncilService } from './council-service-types';
import { modelsFor } from './models-for';
import type { Refusal } from './refusal';

/** What a caller asked for beyond the tier (POST /api/council `council`, `chairman`, `fallbackChairmen`). */
export interface CouncilAsked {
  council?: string[];
  chairman?: string;
  fallbackChairmen?: string[];
}

/**
 * The council a run will use: the tier's, with whatever the caller chose instead. Only a choice is checked, against
 * the models this caller may use (modelsFor): an id that is not configured, or whose provider has no key, is 400;
 * one this key may not use is 403; a council of one, a repeated id, or a chairman among its own fallbacks is 400.
 * Every refusal names the ids at fault. Null choice: the tier's council, untouched.
 */
export function resolveCouncil(
  service: CouncilService,
  tier: string,
  identity: Identity,
  asked: CouncilAsked,
): { ok: true; council: CouncilChoice | null } | { ok: false; refusal: Refusal } {
  if (asked.council === undefined && asked.chairman === undefined && asked.fallbackChairmen === undefined) {
    return { ok: true, council: null };
  }
  const shape = checkShape(asked);
  if (shape) return { ok: false, refusal: shape };

  const fromTier = service.tierCouncil(tier);
  const members = asked.council ?? fromTier.members;
  // A chosen council without a chairman is chaired by its first member: the tier's chairman may not be on it.
  const chairman = asked.chairman ?? (asked.council ? members[0] : fromTier.chairman);
  const fallbacks = asked.fallbackChairmen ?? (asked.council || asked.chairman ? [] : fromTier.fallbackChairmen);
  const fallbackChairmen = fallbacks.filter((id) => id !== chairman);

  const chosen = [...(asked.council ?? []), ...(asked.chairman ? [asked.chairman] : []), ...(asked.fallbackChairmen ?? [])];
  const refusal = checkModels(service, identity, [...new Set(chosen)]);
  if (refusal) return { ok: false, refusal };
  return { ok: true, council: { members: [...members], chairman, fallbackChairmen } };
}

function checkShape(asked: CouncilAsked): Refusal | null {
  if (asked.council) {
    if (asked.council.length < 2) {
      return invalid('council', 'council_too_small', 'A council needs at least two members (one model has nobody to rank with).');
    }
    const repeated = repeats(asked.council);
    if (repeated.length > 0) return invalid('council', 'duplicate_member', `The council names ${quote(repeated)} more than once.`);
  }
  if (asked.fallbackChairmen) {
    const repeated = repeats(asked.fallbackChairmen);
    if (repeated.length > 0) {
      return invalid('fallbackChairmen', 'duplicate_member', `fallbackChairmen names ${quote(repeated)} more than once.`);
    }
    if (asked.chairman && asked.fallbackChairmen.includes(asked.chairman)) {
      return invalid('fallbackChairmen', 'duplicate_member', `The chairman ${quote([asked.chairman])} cannot also be its own fallback.`);
    }
  }
  return null;
}

function checkModels(service: CouncilService, identity: Identity, ids: string[]): Refusal | null {
  const all = new Map(service.models().map((model) => [model.id, model]));
  const allowed = new Set(modelsFor(service, identity).map((model) => model.id));
  const unknown = ids.filter((id) => !all.has(id));
  if (unknown.length > 0) {
    return invalid('council', 'unknown_model', `Unknown model${plural(unknown)} ${quote(unknown)}. GET /api/models lists the models you may use.`);
  }
  const unavailable = ids.filter((id) => !all.get(id)?.runnable);
  if (unavailable.length > 0) {
    return invalid(
      'council',
      'model_unavailable',
      `Model${plural(unavailable)} ${quote(unavailable)} cannot run: ${unavailable.length > 1 ? 'their providers have' : 'its provider has'} no API key set.`,
    );
  }
  const forbidden = ids.filter((id) => !allowed.has(id));
  if (forbidden.length > 0) {
    return { status: 403, code: 'model_forbidden', message: `This key may not use ${quote(forbidden)}.`, param: 'council' };
  }
  return null;
}

function invalid(param: string, code: string, message: string): Refusal {
  return { status: 400, code, message, param, issues: [{ path: param, message }] };
}

function repeats(ids: string[]): string[] {
  return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
}

function quote(ids: string[]): string {
  return ids.map((id) => `"${id}"`).join(', ');
}

function plural(ids: string[]): string {
  return ids.length > 1 ? 's' : '';
}
