/** Welcome notices: when Firebreak is installed, and when it is added to a channel. */
import type { PostContent } from "../../jobs/post-once";
import { context, escapeMrkdwn, section } from "./text";
import { slackTime } from "./time";

/** Posted in a channel the bot was added to (and in the channel picked at install). */
export function channelNotice(command: string): PostContent {
  const text = `Firebreak is here: type ${command} to see the incident options.`;
  return {
    text,
    blocks: [
      section(`:wave: *Firebreak is here.* Type \`${command}\` to see the incident options.`),
      context(
        `Declare an incident with \`${command} declare &lt;title&gt;\`; Firebreak opens a channel and keeps everyone posted.`,
      ),
    ],
  };
}

/** The DM to the person who installed Firebreak. */
export function installerWelcome(args: {
  teamName: string;
  settingsUrl: string;
  announcementChannelId?: string;
  command: string;
}): PostContent {
  const where = args.announcementChannelId
    ? `Incident announcements will go to <#${args.announcementChannelId}>.`
    : "Pick a channel for incident announcements on the settings page.";
  return {
    text: `Firebreak is installed in ${escapeMrkdwn(args.teamName)}.`,
    blocks: [
      section(`:white_check_mark: *Firebreak is installed in ${escapeMrkdwn(args.teamName)}.*`),
      section(
        `Add Firebreak to any channel, then type \`${args.command}\` to see the incident options. ${where}\nTune reminders and announcements in <${args.settingsUrl}|Firebreak settings>.`,
      ),
      context(
        "Tip: in production, authorize Firebreak from a shared service account rather than a person's account, so the integration keeps working when people leave.",
      ),
    ],
  };
}

/** To the installer, when token rotation broke: Firebreak works until the token expires. */
export function reinstallNotice(args: { teamName: string; expiresAt: number; settingsUrl: string }): PostContent {
  return {
    text: `Firebreak needs to be reinstalled in ${escapeMrkdwn(args.teamName)}.`,
    blocks: [
      section(
        `:warning: *Slack no longer accepts Firebreak's refresh token for ${escapeMrkdwn(args.teamName)}.* Firebreak keeps working until ${slackTime(args.expiresAt)}; reinstall it before then from <${args.settingsUrl}|Firebreak settings> (Reauthorize).`,
      ),
    ],
  };
}
