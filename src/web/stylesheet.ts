/**
 * The whole stylesheet, hand-written: a calm settings UI. Colours meet WCAG AA contrast on
 * their backgrounds; focus is always visible; works without JavaScript.
 */
export const STYLESHEET = `
:root {
  --ink: #1c1917; --muted: #57534e; --line: #e7e5e4; --bg: #fafaf9; --card: #ffffff;
  --brand: #b91c1c; --brand-dark: #7f1d1d; --ok: #166534; --ok-bg: #dcfce7; --warn: #92400e; --warn-bg: #fef3c7;
  --err: #991b1b; --err-bg: #fee2e2; --info-bg: #e0f2fe; --info: #075985; --focus: #2563eb;
  --radius: 10px; --shadow: 0 1px 2px rgb(0 0 0 / 6%), 0 4px 16px rgb(0 0 0 / 4%);
  font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--bg); line-height: 1.5;
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: #1d4ed8; }
a:hover { color: #1e3a8a; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 4px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--card); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 1rem; top: .5rem; }
.topbar { display: flex; align-items: center; justify-content: space-between; gap: 1rem; padding: .75rem 1.5rem;
  background: var(--card); border-bottom: 1px solid var(--line); }
.brand { display: inline-flex; align-items: center; gap: .5rem; font-weight: 700; font-size: 1.1rem; color: var(--ink); text-decoration: none; }
.brand-mark { color: var(--brand); font-size: 1.2rem; }
.topnav { display: flex; align-items: center; gap: 1.25rem; font-size: .95rem; }
.topnav a { color: var(--ink); text-decoration: none; font-weight: 500; }
.topnav a:hover { text-decoration: underline; }
.topnav form { margin: 0; }
.who { color: var(--muted); }
main { max-width: 960px; margin: 2rem auto; padding: 0 1.5rem 4rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; letter-spacing: -.01em; }
h2 { font-size: 1.15rem; margin: 0 0 .75rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
p { margin: 0 0 .75rem; }
.lede { color: var(--muted); margin-bottom: 1.5rem; }
.breadcrumbs { font-size: .9rem; color: var(--muted); margin-bottom: .75rem; }
.breadcrumbs a { color: var(--muted); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow);
  padding: 1.5rem; margin-bottom: 1.25rem; }
.card-row { display: flex; align-items: center; justify-content: space-between; gap: 1rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 1rem; }
.notice { max-width: 640px; margin: 3rem auto; }
.notice-success { border-top: 4px solid var(--ok); }
.notice-error { border-top: 4px solid var(--err); }
.notice-info { border-top: 4px solid var(--info); }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: 1rem; }
.button, button { display: inline-flex; align-items: center; gap: .4rem; padding: .55rem 1rem; border-radius: 8px;
  border: 1px solid #d6d3d1; background: var(--card); color: var(--ink); font: inherit; font-weight: 600; cursor: pointer;
  text-decoration: none; }
.button:hover, button:hover { background: #f5f5f4; color: var(--ink); }
.button.primary, button.primary { background: var(--brand); border-color: var(--brand); color: #fff; }
.button.primary:hover, button.primary:hover { background: var(--brand-dark); }
.button.danger, button.danger { color: var(--err); border-color: #fca5a5; }
.link-button { border: 0; background: none; padding: 0; color: #1d4ed8; font-weight: 500; text-decoration: underline; cursor: pointer; }
.link-button:hover { background: none; color: #1e3a8a; }
.badge { display: inline-block; padding: .1rem .55rem; border-radius: 999px; font-size: .8rem; font-weight: 600; background: #f5f5f4; color: var(--muted); }
.badge.ok { background: var(--ok-bg); color: var(--ok); }
.badge.warn { background: var(--warn-bg); color: var(--warn); }
.badge.err { background: var(--err-bg); color: var(--err); }
.badge.sev1 { background: #7f1d1d; color: #fff; } .badge.sev2 { background: #c2410c; color: #fff; }
.badge.sev3 { background: #fde68a; color: #78350f; } .badge.sev4 { background: #e0f2fe; color: #075985; }
.banner { border-radius: 8px; padding: .75rem 1rem; margin-bottom: 1.25rem; font-weight: 500; }
.banner.ok { background: var(--ok-bg); color: var(--ok); }
.banner.err { background: var(--err-bg); color: var(--err); }
.banner.info { background: var(--info-bg); color: var(--info); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .4rem 1.25rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.field { display: grid; gap: .3rem; margin-bottom: 1rem; }
.field label, .label { font-weight: 600; }
.hint { color: var(--muted); font-size: .9rem; }
input[type=text], input[type=number], select { font: inherit; padding: .5rem .65rem; border: 1px solid #78716c; border-radius: 8px;
  background: #fff; color: var(--ink); min-width: 0; }
.inline { display: flex; gap: .75rem; flex-wrap: wrap; align-items: end; }
.inline .field { margin-bottom: 0; }
.switch { display: inline-flex; align-items: center; gap: .75rem; cursor: pointer; font-weight: 600; }
.switch input { appearance: none; width: 2.75rem; height: 1.5rem; border-radius: 999px; background: #78716c; position: relative;
  margin: 0; cursor: pointer; transition: background .15s; }
.switch input::after { content: ""; position: absolute; top: .2rem; left: .2rem; width: 1.1rem; height: 1.1rem; border-radius: 50%;
  background: #fff; transition: transform .15s; box-shadow: 0 1px 2px rgb(0 0 0 / 30%); }
.switch input:checked { background: var(--ok); }
.switch input:checked::after { transform: translateX(1.25rem); }
.switch input:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
table { width: 100%; border-collapse: collapse; font-size: .95rem; }
th, td { text-align: left; padding: .6rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: .85rem; text-transform: uppercase; letter-spacing: .03em; }
tbody tr:hover { background: #fafaf9; }
.muted { color: var(--muted); }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9rem; }
pre.markdown { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85rem; white-space: pre-wrap;
  overflow-wrap: anywhere; max-height: 32rem; overflow: auto; margin: 0; padding: .75rem; background: #f5f5f4;
  border: 1px solid #d6d3d1; border-radius: 8px; }
.scopes { display: flex; flex-wrap: wrap; gap: .35rem; padding: 0; margin: 0; list-style: none; }
.scopes li { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .8rem; background: #f5f5f4; border: 1px solid var(--line);
  padding: .1rem .45rem; border-radius: 6px; }
.timeline { list-style: none; padding: 0; margin: 0; border-left: 2px solid var(--line); }
.timeline li { position: relative; padding: 0 0 1rem 1.25rem; }
.timeline li::before { content: ""; position: absolute; left: -7px; top: .45rem; width: 12px; height: 12px; border-radius: 50%;
  background: var(--card); border: 2px solid var(--brand); }
.timeline time { color: var(--muted); font-size: .85rem; display: block; }
.phase-chart { width: 100%; height: auto; display: block; }
.service-account { background: var(--warn-bg); color: #78350f; border-radius: 8px; padding: 1rem 1.25rem; }
.service-account h3 { margin-top: 0; color: #78350f; }
@media (max-width: 640px) { .topnav .who { display: none; } main { margin-top: 1rem; } }
`;
