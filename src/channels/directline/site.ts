import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/**
 * The website side: the demo page, the embed script and its styles from `web/`
 * at '/', and Web Chat's prebuilt bundle from the npm package at
 * `/webchat/webchat.js`, so a page needs nothing from a CDN.
 */

const WEB_DIR = path.resolve(__dirname, '../../../web');

/** botframework-webchat exports only its entry point; its dist/ sits beside it in the package. */
function webChatBundle(): string {
  let dir = path.dirname(require.resolve('botframework-webchat'));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'webchat.js');
}

export function staticSiteRouter(): Router {
  const router = express.Router();
  const bundle = webChatBundle();
  router.get('/webchat/webchat.js', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.sendFile(bundle);
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
