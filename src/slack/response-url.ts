/**
 * Posting to a response_url (a command's or a button's), which Slack keeps for 30 minutes and
 * 5 uses. Only Slack's hosts are accepted: the URL came through a payload, not from us.
 */
export function isSlackResponseUrl(env: Pick<Env, "SLACK_BASE_URL">, url: string): boolean {
  const base = env.SLACK_BASE_URL.replace(/\/+$/, "");
  return url.startsWith("https://hooks.slack.com/") || url.startsWith(`${base}/`);
}

/** True if Slack took it; an expired or used-up URL is not an error worth retrying. */
export async function postToResponseUrl(
  env: Pick<Env, "SLACK_BASE_URL">,
  url: string,
  message: object,
): Promise<boolean> {
  if (!isSlackResponseUrl(env, url)) return false;
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(message),
  });
  await response.body?.cancel();
  if (response.status >= 500) throw new Error(`response_url answered ${response.status}`);
  return response.ok;
}
