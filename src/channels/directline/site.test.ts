import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import express from 'express';
import { staticSiteRouter } from './site';
import { parseAccept, WebChatBundle } from './webchat-bundle';

/**
 * The widget's files over real HTTP: Web Chat under a content-hashed name,
 * brotli or gzip as the browser accepts, cached for a year; the embed script
 * names the current bundle. A small stand-in bundle keeps compression quick.
 */

let dir: string;
let server: http.Server;
let base: string;
let bundle: WebChatBundle;
const SOURCE = `window.WebChat = { version: 'test' };\n${'/* padding so compression matters */\n'.repeat(400)}`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webchat-bundle-'));
  fs.writeFileSync(path.join(dir, 'webchat.js'), SOURCE);
  bundle = new WebChatBundle(path.join(dir, 'webchat.js'), path.join(dir, 'cache'));
  const app = express();
  app.use('/', staticSiteRouter(bundle));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A raw GET (no automatic decompression), body as bytes. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

it('names the bundle by its content', () => {
  expect(bundle.urlPath).toMatch(/^\/webchat\/webchat\.[0-9a-f]{16}\.js$/);
  const same = new WebChatBundle(path.join(dir, 'webchat.js'), path.join(dir, 'cache'));
  expect(same.urlPath).toBe(bundle.urlPath);
});

it('the embed script names the hashed bundle', async () => {
  const res = await get(`${base}/embed.js`);
  expect(res.status).toBe(200);
  expect(res.body.toString()).toContain(`'${bundle.urlPath}'`);
  expect(res.body.toString()).not.toContain("'/webchat/webchat.js'");
  expect(res.headers['cache-control']).toBe('public, max-age=300');
});

it('serves brotli where accepted, once ready; gzip otherwise; plain to a client that takes neither; cached for a year', async () => {
  await bundle.prepare();
  const br = await get(`${base}${bundle.urlPath}`, { 'accept-encoding': 'gzip, deflate, br' });
  expect(br.status).toBe(200);
  expect(br.headers['content-encoding']).toBe('br');
  expect(zlib.brotliDecompressSync(br.body).toString()).toBe(SOURCE);
  expect(br.body.length).toBeLessThan(SOURCE.length / 5);
  expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(br.headers.vary).toBe('Accept-Encoding');
  expect(br.headers['content-type']).toMatch(/^application\/javascript/);

  const gz = await get(`${base}${bundle.urlPath}`, { 'accept-encoding': 'gzip, br;q=0' });
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(zlib.gunzipSync(gz.body).toString()).toBe(SOURCE);

  const plain = await get(`${base}${bundle.urlPath}`, { 'accept-encoding': 'identity' });
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.toString()).toBe(SOURCE);
});

it('keeps the compressed files, so the next start reuses them', async () => {
  await bundle.prepare();
  const cached = fs.readdirSync(path.join(dir, 'cache')).sort();
  expect(cached).toEqual([`webchat.${bundle.hash}.js.br`, `webchat.${bundle.hash}.js.gz`]);
});

it('the old, unhashed name redirects to the current bundle', async () => {
  const res = await get(`${base}/webchat/webchat.js`);
  expect(res.status).toBe(302);
  expect(res.headers.location).toBe(bundle.urlPath);
});

it.each([
  ['gzip, deflate, br', ['gzip', 'deflate', 'br']],
  ['br;q=0, gzip;q=0.8', ['gzip']],
  ['', []],
  [undefined, []],
])('reads Accept-Encoding %p', (header, codings) => {
  expect([...parseAccept(header)].sort()).toEqual([...codings].sort());
});
