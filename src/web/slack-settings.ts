/** Reading, checking and saving the Slack settings form. */
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { installations } from "../db/schema";
import { SEVERITIES } from "../incidents/model";
import type { InstallationRow } from "../installations/find-installation";
import { forgetInstallations } from "../installations/installation-cache";
import { slugify } from "../slack/channel-name";
import type { ChannelOption } from "./channel-options";
import type { SettingsForm } from "./pages/slack-settings-page";

type Body = Record<string, string | File | (string | File)[]>;
const text = (body: Body, key: string) => (typeof body[key] === "string" ? (body[key] as string).trim() : "");

/** The submitted form, and a message per field that is wrong (empty when all is well). */
export function readSettingsForm(
  body: Body,
  channels: ChannelOption[] | undefined,
): { form: SettingsForm; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const reminders = {} as SettingsForm["reminders"];
  for (const sev of SEVERITIES) {
    const raw = text(body, `reminder_${sev.toLowerCase()}`);
    const minutes = Number(raw);
    if (!/^\d{1,4}$/.test(raw) || minutes > 1440)
      errors.reminders = "Reminder cadences are whole minutes from 0 to 1440.";
    reminders[sev] = Number.isFinite(minutes) ? minutes : 0;
  }
  const announcementChannelId = text(body, "announcement_channel");
  if (!announcementChannelId) errors.announcement_channel = "Pick the channel where incidents are announced.";
  else if (channels && !channels.some((c) => c.id === announcementChannelId)) {
    errors.announcement_channel = "Firebreak is not in that channel. Invite it there first, or pick another.";
  } else if (!/^[CG][A-Z0-9]{2,}$/.test(announcementChannelId)) {
    errors.announcement_channel = "That is not a Slack channel id.";
  }
  const channelPrefix = text(body, "channel_prefix");
  if (!channelPrefix || slugify(channelPrefix) !== channelPrefix || channelPrefix.length > 20) {
    errors.channel_prefix = "Use 1–20 lowercase letters, digits, - or _ (for example inc).";
  }
  return { form: { enabled: text(body, "enabled") === "on", announcementChannelId, reminders, channelPrefix }, errors };
}

export async function saveSettings(db: Db, installation: InstallationRow, form: SettingsForm) {
  await db
    .update(installations)
    .set({
      enabled: form.enabled,
      announcementChannelId: form.announcementChannelId,
      reminderSev1Minutes: form.reminders.SEV1,
      reminderSev2Minutes: form.reminders.SEV2,
      reminderSev3Minutes: form.reminders.SEV3,
      reminderSev4Minutes: form.reminders.SEV4,
      channelPrefix: form.channelPrefix,
      updatedAt: Date.now(),
    })
    .where(eq(installations.id, installation.id));
  forgetInstallations();
}
