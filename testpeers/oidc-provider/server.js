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
  // issuerPath mounts the provider below a path (an issuer with a path,
  // as multi-tenant servers have).
  const issuerPath = (mode.issuerPath ?? '').replace(/\/+$/, '');
  const issuer = `http://127.0.0.1:${port}${issuerPath}`;

  const provider = new Provider(issuer, build(mode, signingKeys()));
  for (const ev of [
    'server_error', 'authorization.error', 'grant.error', 'introspection.error',
    'revocation.error', 'userinfo.error', 'pushed_authorization_request.error',
    'registration_create.error', 'device_authorization.error', 'end_session.error',
    'discovery.error', 'jwks.error', 'check_session.error',
  ]) {
    provider.on(ev, (...args) => {
      const err = args.find((a) => a instanceof Error);
      log({ event: ev, error: err?.error ?? err?.name, description: err?.error_description ?? err?.message, detail: err?.error_detail });
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
      const names = new Set(params ? Object.keys(params).filter((k) => params[k] !== undefined) : []);
      // The form body's own names too: client authentication parameters
      // and a pushed request's request object are not among the params.
      for (const k of Object.keys(ctx.oidc?.body ?? {})) names.add(k);
      if (names.size) ctx.req.oidcParams = [...names].sort();
    }
  });

  const interactions = interactionHandler(provider, users(mode));
  const oidc = provider.callback();
  server.on('request', (req, res) => {
    const url = new URL(req.url, issuer);
    if (url.pathname === '/__peer/sync' || url.pathname === `${issuerPath}/__peer/sync`) {
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
    if (mode.oauthMetadataOnly) {
      // A plain OAuth 2.0 server: no OpenID Connect discovery, and RFC 8414
      // metadata at the path-inserted well-known URL (§3.1), without the
      // OpenID-only fields.
      if (url.pathname === `${issuerPath}/.well-known/openid-configuration`) {
        res.statusCode = 404;
        res.setHeader('content-type', 'application/json');
        res.end('{"error":"not_found"}');
        return;
      }
      if (url.pathname === `/.well-known/oauth-authorization-server${issuerPath}`) {
        req.url = `${issuerPath}/.well-known/openid-configuration`;
        rewriteJSON(res, oauthMetadata);
      }
    }
    if (issuerPath) {
      const path = new URL(req.url, issuer).pathname;
      if (path !== issuerPath && !path.startsWith(`${issuerPath}/`)) {
        res.statusCode = 404;
        res.end('not found');
        return;
      }
      // oidc-provider takes its mount path from originalUrl minus url.
      req.originalUrl = req.url;
      req.url = req.url.slice(issuerPath.length) || '/';
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

// oidcOnly are the discovery fields that only OpenID Connect has.
const oidcOnly = [
  'userinfo_endpoint', 'id_token_signing_alg_values_supported', 'id_token_encryption_alg_values_supported',
  'id_token_encryption_enc_values_supported', 'userinfo_signing_alg_values_supported',
  'userinfo_encryption_alg_values_supported', 'userinfo_encryption_enc_values_supported',
  'claims_supported', 'claims_parameter_supported', 'claim_types_supported', 'subject_types_supported',
  'acr_values_supported', 'end_session_endpoint', 'check_session_iframe', 'frontchannel_logout_supported',
  'frontchannel_logout_session_supported', 'backchannel_logout_supported', 'backchannel_logout_session_supported',
];

// oauthMetadata turns the OpenID discovery document into RFC 8414 metadata.
function oauthMetadata(doc) {
  for (const k of oidcOnly) delete doc[k];
  if (Array.isArray(doc.scopes_supported)) doc.scopes_supported = doc.scopes_supported.filter((s) => s !== 'openid');
  return doc;
}

// rewriteJSON makes res send fn(body) instead of the JSON body it is given.
function rewriteJSON(res, fn) {
  const chunks = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = (chunk, ...rest) => {
    if (chunk) chunks.push(Buffer.from(chunk));
    return true;
  };
  res.end = (chunk, ...rest) => {
    if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk));
    let body = Buffer.concat(chunks);
    if (res.statusCode === 200) {
      body = Buffer.from(JSON.stringify(fn(JSON.parse(body.toString('utf8')))));
      if (!res.headersSent) res.setHeader('content-length', body.length);
    }
    res.write = write;
    return end(body);
  };
}

main().catch((err) => {
  log({ event: 'startup.error', description: err.stack ?? String(err) });
  process.exit(1);
});
