// server.js runs panva's oidc-provider as a test peer for oauthdesk's
// end-to-end tests. It reads a mode (JSON, see README.md) from the file named
// by its first argument, or from $OIDCPEER_CONFIG, listens on 127.0.0.1
// (the mode's port, or a free one), and prints one JSON line on stdout when
// it answers:  {"issuer":"http://127.0.0.1:PORT","port":PORT}
//
// Every request is logged on stderr as one JSON line (method, path, status,
// which headers, query parameters and OAuth parameters were present — never their values), and so
// are oidc-provider's error events. It exits when stdin closes (the test
// that started it has gone) or on SIGTERM/SIGINT.

import fs from 'node:fs';
import http from 'node:http';

import Provider from 'oidc-provider';

import { build, signingKeys, users } from './config.js';
import { handler as interactionHandler } from './interactions.js';

// readMode loads the mode from argv[2] (a file) or $OIDCPEER_CONFIG (JSON).
function readMode() {
  if (process.argv[2]) return JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  if (process.env.OIDCPEER_CONFIG) return JSON.parse(process.env.OIDCPEER_CONFIG);
  return {};
}

// log writes one JSON line on stderr.
function log(obj) {
  process.stderr.write(`${JSON.stringify(obj)}\n`);
}

// headerNames are the request headers whose presence is logged.
const headerNames = ['authorization', 'dpop', 'content-type'];

// paramNames lists the names of the query and (for forms) body parameters.
function queryNames(url) {
  return [...new Set([...url.searchParams.keys()])];
}

async function main() {
  const mode = readMode();
  const server = http.createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(mode.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, build(mode, signingKeys()));
  for (const ev of [
    'server_error', 'authorization.error', 'grant.error', 'introspection.error',
    'revocation.error', 'userinfo.error', 'pushed_authorization_request.error',
    'registration_create.error', 'device_authorization.error', 'end_session.error',
    'discovery.error', 'jwks.error', 'check_session.error',
  ]) {
    provider.on(ev, (...args) => {
      const err = args.find((a) => a instanceof Error);
      log({ event: ev, error: err?.error ?? err?.name, description: err?.error_description ?? err?.message });
    });
  }
  provider.on('grant.success', (ctx) => log({ event: 'grant.success', grant_type: ctx.oidc.params?.grant_type, client_auth: ctx.oidc.client?.clientAuthMethod }));

  // Remember which OAuth parameters oidc-provider read (names only), for the
  // request's log line: query or form body alike.
  provider.use(async (ctx, next) => {
    try {
      await next();
    } finally {
      const params = ctx.oidc?.params;
      if (params) {
        ctx.req.oidcParams = Object.keys(params).filter((k) => params[k] !== undefined).sort();
      }
    }
  });

  const interactions = interactionHandler(provider, users(mode));
  const oidc = provider.callback();
  server.on('request', (req, res) => {
    const url = new URL(req.url, issuer);
    if (url.pathname === '/__peer/sync') {
      // A marker in the log: every line before it has been written.
      log({ event: 'sync', description: url.searchParams.get('id') ?? '' });
      res.statusCode = 204;
      res.end();
      return;
    }
    // The line is written (synchronously: stderr is a pipe) before the
    // answer is sent, so a client that got the answer finds it after sync.
    const end = res.end.bind(res);
    res.end = (...args) => {
      const entry = { method: req.method, path: url.pathname, status: res.statusCode };
      const present = headerNames.filter((h) => req.headers[h] !== undefined);
      if (present.length) entry.headers = present;
      if (req.headers.authorization) entry.auth_scheme = req.headers.authorization.split(' ')[0];
      const q = queryNames(url);
      if (q.length) entry.query = q;
      if (req.oidcParams?.length) entry.params = req.oidcParams;
      const wwwAuth = res.getHeader('www-authenticate');
      if (wwwAuth) entry.www_authenticate = String(wwwAuth).split(' ')[0];
      if (res.getHeader('dpop-nonce')) entry.dpop_nonce_sent = true;
      log(entry);
      return end(...args);
    };
    if (url.pathname.startsWith('/interaction/')) {
      interactions(req, res).catch((err) => {
        log({ event: 'interaction.error', description: err.message });
        if (!res.headersSent) {
          res.statusCode = 500;
          res.end('interaction failed');
        }
      });
      return;
    }
    oidc(req, res);
  });

  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();

  process.stdout.write(`${JSON.stringify({ issuer, port })}\n`);
}

main().catch((err) => {
  log({ event: 'startup.error', description: err.stack ?? String(err) });
  process.exit(1);
});
