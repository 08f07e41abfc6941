/**
 * Access keys and session ids: how they are made, recognised and hashed (DESIGN.md §5).
 *
 * Only a SHA-256 hash of a key (or a session id) is ever stored. A slow password hash (bcrypt, scrypt) exists to
 * make guessing a human-chosen password expensive; these secrets are 256 random bits, so no amount of guessing
 * against a leaked hash can succeed, and a fast hash lets every request look the key up by an index in one
 * query instead of comparing against every stored key.
 */
import { createHash, randomBytes } from 'node:crypto';

export const KEY_PREFIX = 'qk_';
/** 32 random bytes → 43 URL-safe base64 characters. */
const KEY_RANDOM_BYTES = 32;
const KEY_PATTERN = /^qk_[A-Za-z0-9_-]{32,128}$/;

/** A new access key: `qk_` followed by 43 random URL-safe characters. */
export function generateAccessKey(): string {
  return KEY_PREFIX + randomBytes(KEY_RANDOM_BYTES).toString('base64url');
}

/** A new session id for the browser's cookie (never the key itself). */
export function generateSessionId(): string {
  return randomBytes(KEY_RANDOM_BYTES).toString('base64url');
}

/** Whether a string has the shape of a Quorum key (cheap, before any store lookup). */
export function looksLikeAccessKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

/** Session ids have the shape generateSessionId gives them; anything else is not looked up. */
export function looksLikeSessionId(value: string): boolean {
  return /^[A-Za-z0-9_-]{32,128}$/.test(value);
}

/** The stored form of a key or session id: hex SHA-256. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * The key in an `Authorization` header: `Bearer <key>` (scheme case-insensitive, surrounding spaces ignored).
 * Null when the header is absent, uses another scheme, or carries something that is not a Quorum key.
 */
export function parseBearerKey(header: string | null | undefined): string | null {
  if (!header) return null;
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  if (space < 0 || trimmed.slice(0, space).toLowerCase() !== 'bearer') return null;
  const key = trimmed.slice(space + 1).trim();
  return looksLikeAccessKey(key) ? key : null;
}
