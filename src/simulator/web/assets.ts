import { CLIENT_APP_JS } from './client-app.js';
import { CLIENT_CONTROLS_JS } from './client-controls.js';
import { CLIENT_RENDER_JS } from './client-render.js';
import { PAGE_CSS } from './page-css.js';
import { PAGE_HTML } from './page-html.js';

/** A static file of the chat page. */
export interface Asset {
  readonly contentType: string;
  readonly body: string;
}

/** The chat page's files by path: no framework, no build step (DESIGN §9). */
export const ASSETS: Readonly<Record<string, Asset>> = {
  '/chat': { contentType: 'text/html; charset=utf-8', body: PAGE_HTML },
  '/chat.css': { contentType: 'text/css; charset=utf-8', body: PAGE_CSS },
  '/chat.js': {
    contentType: 'text/javascript; charset=utf-8',
    body: `(function () {\n'use strict';\n${CLIENT_RENDER_JS}\n${CLIENT_APP_JS}\n${CLIENT_CONTROLS_JS}\n})();\n`,
  },
};
