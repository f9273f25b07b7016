/** Times on web pages, in the viewer's Slack time zone (UTC when we don't know it), with the date. */
export function formatTime(ms: number, tz?: string): string {
  try {
    return new Intl.DateTimeFormat("en-GB", {
      timeZone: tz || "UTC",
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZoneName: "short",
    }).format(new Date(ms));
  } catch {
    return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  }
}
