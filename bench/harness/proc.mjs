// Linux /proc helpers shared by run.mjs and page.mjs: find the Chromium browser process we
// launched (by its --user-data-dir), its renderer processes, and read/reset peak RSS.
import fs from 'node:fs';

// /proc helpers: find our renderer process and read/reset its peak RSS
export function procTable() {
  const out = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      out.set(Number(d), { ppid: Number(f[1]), cpu: Number(f[11]) + Number(f[12]) });
    } catch { /* process went away */ }
  }
  return out;
}
// Chromium children rewrite their title: args may be space- rather than NUL-separated
export const cmdline = (pid) => { try { return ' ' + fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ') + ' '; } catch { return ''; } };
export function findBrowserPid(userDataDir) {
  const flag = `--user-data-dir=${userDataDir}`;
  const procs = procTable();
  const cands = [...procs.keys()].filter((p) => { const c = cmdline(p); return c.includes(` ${flag} `) && !c.includes(' --type='); });
  return cands.find((p) => !cands.includes(procs.get(p).ppid)) ?? null;
}
export function rendererPids(browserPid) {
  const procs = procTable();
  const kids = new Map();
  for (const [pid, { ppid }] of procs) { if (!kids.has(ppid)) kids.set(ppid, []); kids.get(ppid).push(pid); }
  const out = [];
  const stack = [...(kids.get(browserPid) ?? [])];
  while (stack.length) {
    const p = stack.pop();
    const c = cmdline(p);
    // --top-chrome-webui renderers are the browser's own UI, never our page
    if (c.includes(' --type=renderer ') && !c.includes(' --top-chrome-webui ')) out.push(p);
    stack.push(...(kids.get(p) ?? []));
  }
  return out;
}
export function statusKb(pid, key) {
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
  return m ? Number(m[1]) * 1024 : null;
}
export function resetPeakRss(pid) { fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'); }
export async function pidGone(pid, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try { process.kill(pid, 0); } catch { return true; }
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

