/**
 * Incident channel names under Slack's rules: lowercase letters, digits, '-' and '_', at most
 * 80 characters. `inc-12-database-down`; accents are folded, everything else becomes '-'.
 */
export const CHANNEL_NAME_MAX = 80;

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "");
}

/** A valid prefix, or the default: operators set it on the settings page. */
export function cleanPrefix(prefix: string | null | undefined): string {
  const slug = slugify(prefix ?? "").slice(0, 20);
  return slug || "inc";
}

/** The name for attempt `n` (0 first; a taken name gets -2, -3 …). */
export function incidentChannelName(prefix: string, number: number, title: string, attempt = 0): string {
  const suffix = attempt > 0 ? `-${attempt + 1}` : "";
  const head = `${cleanPrefix(prefix)}-${number}`;
  const room = CHANNEL_NAME_MAX - head.length - suffix.length - 1;
  const slug = slugify(title)
    .slice(0, Math.max(0, room))
    .replace(/[-_]+$/, "");
  return slug ? `${head}-${slug}${suffix}` : `${head}${suffix}`;
}
