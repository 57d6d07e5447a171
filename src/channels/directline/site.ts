import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { WebChatBundle } from './webchat-bundle';

/**
 * The website side: the demo page, the embed script and its styles from `web/`
 * at '/', and Web Chat's prebuilt bundle from the npm package under a
 * content-hashed name, pre-compressed (webchat-bundle.ts), so a page needs
 * nothing from a CDN. The embed script is told the bundle's current name.
 */

const WEB_DIR = path.resolve(__dirname, '../../../web');
const YEAR_SECONDS = 365 * 24 * 60 * 60;
/** The bundle's name in web/embed.js, replaced with the hashed one when served. */
const BUNDLE_PLACEHOLDER = '/webchat/webchat.js';

export function staticSiteRouter(bundle: WebChatBundle = sharedBundle()): Router {
  const router = express.Router();
  router.get(bundle.urlPath, async (req, res, next) => {
    try {
      const { encoding, body } = await bundle.pick(req.get('accept-encoding'));
      res.setHeader('Content-Type', 'application/javascript; charset=utf-8');
      res.setHeader('Cache-Control', `public, max-age=${YEAR_SECONDS}, immutable`);
      res.setHeader('Vary', 'Accept-Encoding');
      res.setHeader('Access-Control-Allow-Origin', '*');
      if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
      res.setHeader('Content-Length', String(body.length));
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      next(error);
    }
  });
  // The old, unhashed name: pages that cached an older embed.js still find the bundle.
  router.get(BUNDLE_PLACEHOLDER, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.redirect(302, bundle.urlPath);
  });
  const embed = fs.readFileSync(path.join(WEB_DIR, 'embed.js'), 'utf8').replace(BUNDLE_PLACEHOLDER, bundle.urlPath);
  router.get('/embed.js', (_req, res) => {
    // A page with the widget is loading: compress the bundle now, so it is ready when the visitor opens the chat.
    bundle.prepare().catch(() => undefined);
    // Pasted by URL into the firm's pages, so not hashed: a short cache, and the bundle it names is.
    res.setHeader('Content-Type', 'application/javascript; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.send(embed);
  });
  router.use(
    express.static(WEB_DIR, {
      index: 'index.html',
      maxAge: '5m',
      setHeaders: (res, file) => {
        // The embed script and its assets are loaded by the firm's own pages.
        if (/\.(js|css|svg)$/.test(file)) res.setHeader('Access-Control-Allow-Origin', '*');
      },
    }),
  );
  return router;
}

let shared: WebChatBundle | undefined;
/** One bundle per process: hashing 3.9 MB and compressing it are done once. */
function sharedBundle(): WebChatBundle {
  shared ??= new WebChatBundle();
  return shared;
}
