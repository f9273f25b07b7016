/** Times in Slack messages: Slack renders <!date^…> in each viewer's own time zone, with the date. */
export function slackTime(ms: number, format = "{date_short_pretty} at {time}"): string {
  const seconds = Math.floor(ms / 1000);
  return `<!date^${seconds}^${format}|${new Date(ms).toISOString().replace("T", " ").slice(0, 16)} UTC>`;
}
