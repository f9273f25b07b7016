/**
 * The request path's view of installations, kept in isolate memory for a few seconds: a
 * slash command then costs no D1 query at all. Changes made in this isolate (install,
 * settings, revocation) forget the entry at once; other isolates see them within the TTL,
 * and background jobs always read D1 (findInstallation).
 */
import type { Db } from "../db/client";
import { findInstallation, type InstallationRow, type WorkspaceRef } from "./find-installation";

const TTL_MS = 15_000;
const MAX_ENTRIES = 5_000;
const entries = new Map<string, { row: InstallationRow | undefined; expires: number }>();

const keyOf = (ref: WorkspaceRef) => `${ref.enterpriseId ?? ""}|${ref.teamId ?? ""}`;

export async function cachedInstallation(
  db: Db,
  ref: WorkspaceRef,
  now = Date.now(),
): Promise<InstallationRow | undefined> {
  const key = keyOf(ref);
  const hit = entries.get(key);
  if (hit && hit.expires > now) return hit.row;
  const row = await findInstallation(db, ref);
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(key, { row, expires: now + TTL_MS });
  return row;
}

/** Drops every cached entry: after any write to installations (rare, and cheap to refill). */
export function forgetInstallations(): void {
  entries.clear();
}
