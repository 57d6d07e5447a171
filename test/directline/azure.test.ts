import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHarness } from './harness';

/** Azure mode: the page's token is exchanged with Azure's Direct Line here; the secret stays on the server. */

describe('website channel in Azure mode', () => {
  it('exchanges the secret for a token and never hands out the secret', async () => {
    const seen: { authorization?: string; body: string }[] = [];
    let answer = 200;
    const azure = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ authorization: req.headers.authorization, body });
        if (req.url !== '/v3/directline/tokens/generate' || answer !== 200) return void res.writeHead(answer === 200 ? 404 : answer).end();
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ conversationId: 'azure-conv-1', token: 'azure-token', expires_in: 3600 }));
      });
    });
    await new Promise<void>((resolve) => azure.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(azure.address() as AddressInfo).port}/v3/directline`;
    const h = await startHarness({ DIRECTLINE_SECRET: 'the-direct-line-secret', DIRECTLINE_ENDPOINT: endpoint });
    try {
      const res = await fetch(`${h.baseUrl}/api/directline/token`, { method: 'POST', headers: { Origin: h.baseUrl } });
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(JSON.parse(text)).toEqual({ conversationId: 'azure-conv-1', token: 'azure-token', expires_in: 3600, domain: endpoint });
      expect(text).not.toContain('the-direct-line-secret');
      expect(seen[0].authorization).toBe('Bearer the-direct-line-secret');
      expect(JSON.parse(seen[0].body).user.id).toMatch(/^dl_/);

      answer = 403;
      const failed = await fetch(`${h.baseUrl}/api/directline/token`, { method: 'POST' });
      expect(failed.status).toBe(502);
      expect(await failed.text()).not.toContain('the-direct-line-secret');
    } finally {
      await h.stop();
      azure.closeAllConnections();
      await new Promise<void>((resolve) => azure.close(() => resolve()));
    }
  });
});
