/**
 * Text as Slack sends it (slash command text, message text) is already mrkdwn: `&`, `<` and `>`
 * typed by the person arrive as entities, and mentions as markup. Firebreak keeps what people
 * wrote as plain text with only the markup of people, channels and links (rendered again by
 * blocks/text.ts userText), so it shows the same in Slack, on the web and in the postmortem.
 */
const SPECIAL = /<!(here|channel|everyone)(?:\|[^>]*)?>|<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>|<!date\^[^|>]*\|([^>]*)>/g;

export function fromSlackText(text: string): string {
  return (
    text
      // Broadcasts and group pings become plain words: quoted back, they must not ping anyone.
      .replace(SPECIAL, (markup: string, broadcast?: string, group?: string, date?: string) => {
        if (broadcast) return `@${broadcast}`;
        if (markup.startsWith("<!subteam")) return group || "@group";
        return date ?? "";
      })
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&")
  );
}
