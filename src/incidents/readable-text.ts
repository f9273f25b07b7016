/**
 * What people write is kept with the markup of mentions and links in it (`<@U1|alex>`,
 * `<#C1|ops>`, `<https://…|docs>`), so Slack can show it live. Off Slack (the web pages, the
 * postmortem) it reads as written: @alex, #ops, docs (https://…).
 */
/** The markup people's text may carry: people (U…, W…), channels (C…, G…), and links. */
export const KEPT_MARKUP = /<([@#])([UWCG][A-Z0-9]+)(?:\|([^<>]*))?>|<((?:https?|mailto):[^<>|\s]+)(?:\|([^<>]*))?>/g;

export function readableText(text: string, nameOf?: (userId: string) => string): string {
  return text.replace(
    KEPT_MARKUP,
    (_, sigil?: string, id?: string, label?: string, url?: string, urlLabel?: string) => {
      if (url) return urlLabel ? `${urlLabel} (${url})` : url;
      if (label) return `${sigil}${label}`;
      return sigil === "@" && id && nameOf ? `@${nameOf(id)}` : `${sigil}${id}`;
    },
  );
}
