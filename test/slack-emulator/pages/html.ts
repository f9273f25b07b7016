/** Plain HTML for the emulator's browser pages: no scripts, labelled fields, escaped text. */

export function esc(s: unknown): string {
  return String(s ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1d1c1d}
label{display:block;margin:1rem 0 .25rem;font-weight:600} select{min-width:16rem;padding:.3rem}
button{margin:1.5rem .5rem 0 0;padding:.5rem 1.25rem;font-size:1rem}
.allow{background:#007a5a;color:#fff;border:0;border-radius:4px} .error{color:#b00020}
small{color:#616061}
</style></head>
<body><p><small>Slack emulator</small></p>
${body}
</body></html>`;
}

export function errorPage(title: string, detail: string): string {
  return page(title, `<h1 class="error">${esc(title)}</h1><p>${esc(detail)}</p>`);
}

export function hidden(fields: Record<string, string | undefined>): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join("\n");
}

export function select(name: string, label: string, options: { value: string; label: string }[]): string {
  const opts = options.map((o) => `<option value="${esc(o.value)}">${esc(o.label)}</option>`).join("");
  return `<label for="${esc(name)}">${esc(label)}</label><select id="${esc(name)}" name="${esc(name)}" required>${opts}</select>`;
}

/** `redirect_uri` with extra query parameters, keeping its own. */
export function withQuery(uri: string, params: Record<string, string>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

export function isHttpUrl(s: string | undefined): s is string {
  if (!s) return false;
  try {
    const u = new URL(s);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}
