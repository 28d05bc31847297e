// config.js turns the test's mode description (plain JSON, see README.md)
// into an oidc-provider configuration. Everything that oidc-provider takes
// as a function (nonce policy, resource servers, accounts) is built here
// from data, so a Go test can describe any mode without writing JavaScript.

import crypto from 'node:crypto';

import { errors } from 'oidc-provider';

// signingKeys makes a fresh private JWK for every signature family a test
// may ask for: RSA (RS*/PS*), P-256/384/521 (ES256/384/512) and Ed25519.
export function signingKeys() {
  const make = (type, opts, kid) => {
    const { privateKey } = crypto.generateKeyPairSync(type, opts);
    return { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig' };
  };
  return [
    make('rsa', { modulusLength: 2048 }, 'rsa-1'),
    make('ec', { namedCurve: 'P-256' }, 'p256-1'),
    make('ec', { namedCurve: 'P-384' }, 'p384-1'),
    make('ec', { namedCurve: 'P-521' }, 'p521-1'),
    make('ed25519', {}, 'ed25519-1'),
  ];
}

// isObject reports whether v is a plain JSON object.
function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// merge deep-merges JSON objects: src's keys win, arrays are replaced.
export function merge(dst, src) {
  const out = { ...dst };
  for (const [k, v] of Object.entries(src ?? {})) {
    out[k] = isObject(v) && isObject(out[k]) ? merge(out[k], v) : v;
  }
  return out;
}

// defaultUsers is the one person the scripted browser signs in as.
const defaultUsers = [{
  username: 'demo',
  password: 'demo',
  sub: 'peer-user-0001',
  claims: {
    name: 'Peer Demo',
    given_name: 'Peer',
    family_name: 'Demo',
    email: 'demo@peer.example',
    email_verified: true,
  },
}];

// users returns the configured people, or the default one.
export function users(mode) {
  return mode.users?.length ? mode.users : defaultUsers;
}

// accounts builds findAccount from the users list.
function findAccountFor(list) {
  const bySub = new Map(list.map((u) => [u.sub, u]));
  return async (_ctx, sub) => {
    const u = bySub.get(sub);
    if (!u) return undefined;
    return {
      accountId: sub,
      claims: async () => ({ sub, ...u.claims }),
    };
  };
}

// resourceServerInfo builds features.resourceIndicators from
// mode.resourceServers: { "<indicator>": { scope, audience,
// accessTokenFormat ("jwt"|"opaque"), accessTokenTTL, jwtAlg } }.
function resourceIndicatorsFor(mode) {
  const servers = mode.resourceServers ?? {};
  const out = {
    enabled: true,
    // With no resource parameter the token is for userinfo (opaque), unless
    // the mode names a default resource.
    defaultResource: async () => mode.defaultResource ?? undefined,
    useGrantedResource: async () => mode.useGrantedResource ?? true,
    getResourceServerInfo: async (_ctx, indicator) => {
      const rs = servers[indicator];
      if (!rs) {
        throw new errors.InvalidTarget(`this server does not know the resource ${indicator}`);
      }
      const info = {
        scope: rs.scope ?? '',
        audience: rs.audience ?? indicator,
        accessTokenFormat: rs.accessTokenFormat ?? 'jwt',
      };
      if (rs.accessTokenTTL) info.accessTokenTTL = rs.accessTokenTTL;
      if (info.accessTokenFormat === 'jwt') info.jwt = { sign: { alg: rs.jwtAlg ?? 'RS256' } };
      return info;
    },
  };
  return out;
}

// build returns the oidc-provider configuration for a mode.
export function build(mode, keys) {
  const list = users(mode);
  const dpop = mode.dpop ?? {};
  let features = {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    deviceFlow: { enabled: true },
    userinfo: { enabled: true },
    jwtUserinfo: { enabled: true },
    registration: { enabled: !!mode.registration },
    pushedAuthorizationRequests: {
      enabled: true,
      requirePushedAuthorizationRequests: !!mode.requirePAR,
    },
    requestObjects: {
      enabled: true,
      requireSignedRequestObject: !!mode.requireJAR,
    },
    claimsParameter: { enabled: true },
  };
  features = merge(features, mode.features);
  // These take functions, so they are built from data after the merge.
  features.dPoP = {
    ...(features.dPoP ?? {}),
    enabled: dpop.enabled ?? true,
    nonceSecret: crypto.randomBytes(32),
    requireNonce: () => !!dpop.requireNonce,
  };
  features.resourceIndicators = merge(resourceIndicatorsFor(mode), { enabled: features.resourceIndicators?.enabled ?? true });

  let cfg = {
    clients: mode.clients ?? [],
    jwks: { keys },
    cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
    features,
    findAccount: findAccountFor(list),
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name'],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'offline_access', 'profile', 'email', ...(mode.scopes ?? [])],
    ttl: merge({
      AccessToken: 3600, AuthorizationCode: 120, IdToken: 3600, RefreshToken: 86400,
      Interaction: 600, Session: 3600, Grant: 86400, DeviceCode: 600,
      ClientCredentials: 600, PushedAuthorizationRequest: 60,
    }, mode.ttl),
    interactions: { url: async (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><html><head><title>oidc-provider error</title></head><body><h1>Error</h1><p id="error">${escapeHTML(out.error)}</p><p id="error_description">${escapeHTML(out.error_description ?? '')}</p></body></html>`;
    },
  };
  if (mode.refreshWithoutOfflineAccess) {
    cfg.issueRefreshToken = async (_ctx, client) => client.grantTypeAllowed('refresh_token');
  }
  if (mode.pkceRequired !== undefined) {
    cfg.pkce = { required: () => !!mode.pkceRequired };
  }
  // Anything else is plain data for oidc-provider (e.g. enabledJWA,
  // conformIdTokenClaims, clientDefaults, discovery).
  cfg = merge(cfg, mode.provider);
  return cfg;
}

// escapeHTML makes text safe inside HTML.
export function escapeHTML(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  })[c]);
}
