import { timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { parseSince } from '../leads/cli/filters';
import { buildReport, dropOff, percent, type FunnelReport } from './report';
import type { FunnelStore } from './store/types';

/**
 * GET /admin/funnel: the funnel as a bar chart (inline SVG, no script, no
 * external asset). Off unless ADMIN_TOKEN is set (404, as if absent); then
 * only with `Authorization: Bearer <ADMIN_TOKEN>` (401 otherwise). `?since=`
 * takes what `npm run leads -- funnel --since` takes (default 30d).
 */

/** `flush`: writes this process's counts still held in memory (src/funnel/batch.ts), so the page is up to date. */
export function funnelPage(deps: { adminToken: string | undefined; store: FunnelStore; flush?: () => Promise<void>; clock: () => Date }): express.Router {
  const router = express.Router();
  router.get('/admin/funnel', async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!deps.adminToken) return void res.status(404).type('text/plain').send('Not found');
    if (!bearerMatches(req.get('authorization'), deps.adminToken)) {
      return void res.status(401).setHeader('WWW-Authenticate', 'Bearer realm="admin"').type('text/plain').send('A bearer token is required (ADMIN_TOKEN).');
    }
    const since = parseSince(typeof req.query.since === 'string' ? req.query.since : '30d', deps.clock());
    if (typeof since === 'string') return void res.status(400).type('text/plain').send(since);
    const fromDay = since.toISOString().slice(0, 10);
    await deps.flush?.();
    const report = buildReport(fromDay, await deps.store.counts(fromDay));
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.type('html').send(renderPage(report));
  });
  return router;
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]);
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function renderPage(report: FunnelReport): string {
  const started = report.stages[0].counts.all ?? 0;
  const max = Math.max(1, ...report.stages.map((s) => s.counts.all ?? 0));
  const rowHeight = 26;
  const bars = report.stages
    .map((stage, i) => {
      const n = stage.counts.all ?? 0;
      const before = i === 0 ? n : (report.stages[i - 1].counts.all ?? 0);
      const width = Math.round((n / max) * 520);
      const y = i * rowHeight;
      const note = i === 0 ? `${n}` : `${n} · ${percent(n, started)} of started · drop-off ${dropOff(before, n)}`;
      return `<g class="stage" data-stage="${escape(stage.metric)}" data-count="${n}">
  <text x="0" y="${y + 17}" class="label">${escape(stage.metric)}</text>
  <rect x="200" y="${y + 4}" width="${width}" height="${rowHeight - 8}" rx="3"></rect>
  <text x="${206 + width}" y="${y + 17}" class="value">${escape(note)}</text>
</g>`;
    })
    .join('\n');
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `<li>${escape(k)}: ${n}</li>`)
      .join('') || '<li>none</li>';
  const height = report.stages.length * rowHeight;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Funnel since ${escape(report.fromDay)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}
svg .label{font-size:13px} svg .value{font-size:12px;fill:#444} svg rect{fill:#2f6fb0}
section{display:inline-block;vertical-align:top;margin-right:3rem}
</style></head>
<body>
<h1>Conversion funnel since ${escape(report.fromDay)}</h1>
<p>All channels (${report.channels.map(escape).join(', ') || 'none yet'}); counts only, no personal data. A question skipped by an earlier answer counts as not reached.</p>
<svg role="img" aria-label="Funnel: conversations started to bookings" width="980" height="${height}" viewBox="0 0 980 ${height}">
${bars}
</svg>
<section><h2>Recommendations by pathway</h2><ul>${list(report.pathways)}</ul></section>
<section><h2>FAQ asked</h2><ul>${list(report.faq)}</ul></section>
<section><h2>Other</h2><ul><li>misunderstood messages: ${report.misunderstood}</li><li>cancellations: ${report.cancelled}</li><li>reschedules: ${report.rescheduled}</li></ul></section>
</body></html>
`;
}
