/** "How incidents run": the settings an admin can change (disabled, with the reason, for others). */
import { SEVERITIES } from "../../incidents/model";
import { managersSentence } from "../permissions";
import type { SlackSettingsProps } from "./slack-settings-page";

export function SettingsFormCard({
  canManage,
  channels,
  form,
  errors,
  user,
  installation,
  command,
}: SlackSettingsProps) {
  const error = (field: string) =>
    errors?.[field] ? (
      <span class="hint" id={`${field}-error`} role="alert" style="color:var(--err)">
        {errors[field]}
      </span>
    ) : null;
  // Ties a control to its hint and, when it has one, its error, so a screen reader reads both.
  const described = (field: string, hint?: string) => {
    const ids = [hint, errors?.[field] ? `${field}-error` : undefined].filter(Boolean).join(" ");
    return { "aria-describedby": ids || undefined, "aria-invalid": errors?.[field] ? "true" : undefined };
  };
  return (
    <section class="card" aria-labelledby="how">
      <h2 id="how">How incidents run</h2>
      {!canManage && (
        <p class="banner info">{managersSentence(installation?.isEnterpriseInstall === true)} can change these.</p>
      )}
      <form method="post" action="/settings/messaging/slack">
        <input type="hidden" name="csrf" value={user.csrf} />
        <fieldset disabled={!canManage} style="border:0;padding:0;margin:0">
          <div class="field">
            <label class="switch" for="enabled">
              <input type="checkbox" role="switch" id="enabled" name="enabled" value="on" checked={form.enabled} />
              Enable Slack
            </label>
            <span class="hint">When off, {command} only answers that Firebreak is turned off.</span>
          </div>
          <div class="field">
            <label for="announcement">Announcement channel</label>
            {channels ? (
              <select
                id="announcement"
                name="announcement_channel"
                {...described("announcement_channel", "announcement-hint")}
              >
                {channels.map((ch) => (
                  <option value={ch.id} selected={ch.id === form.announcementChannelId}>
                    {ch.isPrivate ? "🔒 " : "#"}
                    {ch.name}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type="text"
                id="announcement"
                name="announcement_channel"
                value={form.announcementChannelId}
                {...described("announcement_channel", "announcement-hint")}
              />
            )}
            <span class="hint" id="announcement-hint">
              {channels
                ? "Every new incident is announced here. Firebreak must be a member of the channel."
                : "Slack's channel list could not be loaded; enter a channel id."}
            </span>
            {error("announcement_channel")}
          </div>
          <fieldset class="field" style="border:0;padding:0">
            <legend class="label">Reminder cadence</legend>
            <span class="hint" id="reminders-hint">
              Minutes without an update before the commander is reminded; 0 turns reminders off.
            </span>
            <div class="inline">
              {SEVERITIES.map((sev) => (
                <div class="field">
                  <label for={`reminder-${sev}`}>{sev}</label>
                  <input
                    type="number"
                    id={`reminder-${sev}`}
                    name={`reminder_${sev.toLowerCase()}`}
                    min="0"
                    max="1440"
                    value={String(form.reminders[sev])}
                    style="width:6rem"
                    {...described("reminders", "reminders-hint")}
                  />
                </div>
              ))}
            </div>
            {error("reminders")}
          </fieldset>
          <div class="field">
            <label for="prefix">Channel name prefix</label>
            <input
              type="text"
              id="prefix"
              name="channel_prefix"
              value={form.channelPrefix}
              maxlength={20}
              style="width:10rem"
              {...described("channel_prefix", "prefix-hint")}
            />
            <span class="hint" id="prefix-hint">
              Incident channels are named like {form.channelPrefix || "inc"}-12-database-down.
            </span>
            {error("channel_prefix")}
          </div>
          <button type="submit" class="primary">
            Save
          </button>
        </fieldset>
      </form>
    </section>
  );
}
