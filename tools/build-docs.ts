/**
 * The published API reference, written into the built web client (run by `npm run build:web`
 * after Vite): web/dist/openapi.json (the document generated from the route table) and
 * web/dist/docs/index.html, a static Redoc page (redoc.standalone.js copied next to it, no CDN)
 * that renders /openapi.json. The local gateway serves web/dist (so /docs works on
 * http://localhost:3000/docs) and CDK deploys it behind CloudFront, whose viewer-request
 * function maps /docs to /docs/index.html (lib/constructs/web-hosting.ts).
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../shared/platform/openapi';
import { routes } from '../shared/routes';

const root = join(__dirname, '..');
const dist = process.argv[2] ?? join(root, 'web', 'dist');

export const DOCS_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>SMSPROJ API reference</title>
    <style>body { margin: 0; }</style>
  </head>
  <body>
    <redoc spec-url="/openapi.json" hide-hostname="true" path-in-middle-panel="true"></redoc>
    <script src="/docs/redoc.standalone.js"></script>
  </body>
</html>
`;

mkdirSync(join(dist, 'docs'), { recursive: true });
// Deployed, the API lives on another origin than the site: the document names no server, so
// Redoc shows paths only; the SDK and curl examples take the base URL as a parameter.
const { servers: _local, ...document } = buildOpenApiDocument(routes);
writeFileSync(join(dist, 'openapi.json'), `${JSON.stringify(document)}\n`);
writeFileSync(join(dist, 'docs', 'index.html'), DOCS_HTML);
for (const file of ['redoc.standalone.js', 'redoc.standalone.js.LICENSE.txt']) {
  copyFileSync(join(root, 'node_modules', 'redoc', 'bundles', file), join(dist, 'docs', file));
}
process.stdout.write(`API reference written to ${join(dist, 'docs')} (and openapi.json).\n`);
