// interactions.js serves the login and consent pages of the test peer, in
// place of oidc-provider's devInteractions (which accept any login and
// cannot deny). The forms are the ones oauthdesk's scripted browser
// (internal/testbrowser) fills in: a login form with fields username and
// password, and a consent form with submit buttons name="action",
// value="allow" or "deny".

import { escapeHTML } from './config.js';

// page wraps a body in a minimal HTML document.
function page(title, body) {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHTML(title)}</title></head><body><h1>${escapeHTML(title)}</h1>${body}</body></html>`;
}

// send writes an HTML answer.
function send(res, status, html) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(html);
}

// readForm reads an application/x-www-form-urlencoded body (at most 64 KB).
async function readForm(req) {
  let size = 0;
  const chunks = [];
  for await (const c of req) {
    size += c.length;
    if (size > 65536) throw new Error('form too large');
    chunks.push(c);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

// loginForm is the login page for an interaction.
function loginForm(uid, clientId, message) {
  return page('Sign in', `${message ? `<p id="message">${escapeHTML(message)}</p>` : ''}
<p>Client: <code>${escapeHTML(clientId)}</code></p>
<form method="post" action="/interaction/${escapeHTML(uid)}/login">
<label>Username <input type="text" name="username" autocomplete="username"></label>
<label>Password <input type="password" name="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button>
</form>`);
}

// consentForm is the consent page for an interaction.
function consentForm(uid, clientId, details) {
  const scopes = [...(details.missingOIDCScope ?? [])];
  for (const [rs, s] of Object.entries(details.missingResourceScopes ?? {})) {
    scopes.push(`${rs}: ${s.join(' ')}`);
  }
  return page('Allow access?', `<p><code>${escapeHTML(clientId)}</code> asks for:</p>
<ul>${scopes.map((s) => `<li>${escapeHTML(s)}</li>`).join('')}</ul>
<form method="post" action="/interaction/${escapeHTML(uid)}/confirm">
<button type="submit" name="action" value="allow">Allow</button>
<button type="submit" name="action" value="deny">Deny</button>
</form>`);
}

// handler returns the request handler for /interaction/... paths.
export function handler(provider, userList) {
  const byName = new Map(userList.map((u) => [u.username, u]));
  return async (req, res) => {
    const url = new URL(req.url, 'http://peer.invalid');
    const parts = url.pathname.split('/').filter(Boolean); // interaction, uid, [step]
    const [, uid, step] = parts;
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch (err) {
      send(res, 400, page('Error', `<p id="error">${escapeHTML(err.message)}</p>`));
      return;
    }
    if (details.uid !== uid) {
      send(res, 400, page('Error', '<p id="error">interaction mismatch</p>'));
      return;
    }
    const { prompt, params } = details;
    const clientId = String(params.client_id ?? '');

    if (req.method === 'GET' && !step) {
      if (prompt.name === 'login') {
        send(res, 200, loginForm(uid, clientId));
      } else {
        send(res, 200, consentForm(uid, clientId, prompt.details));
      }
      return;
    }
    if (req.method !== 'POST') {
      send(res, 405, page('Error', '<p id="error">method not allowed</p>'));
      return;
    }
    const form = await readForm(req);
    if (step === 'login' && prompt.name === 'login') {
      const u = byName.get(form.get('username') ?? '');
      if (!u || u.password !== form.get('password')) {
        send(res, 200, loginForm(uid, clientId, 'Wrong username or password.'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: u.sub } }, { mergeWithLastSubmission: false });
      return;
    }
    if (step === 'confirm' && prompt.name === 'consent') {
      if (form.get('action') !== 'allow') {
        await provider.interactionFinished(req, res, {
          error: 'access_denied',
          error_description: 'the person denied the request',
        }, { mergeWithLastSubmission: false });
        return;
      }
      const { accountId } = details.session;
      let grant;
      if (details.grantId) {
        grant = await provider.Grant.find(details.grantId);
      } else {
        grant = new provider.Grant({ accountId, clientId });
      }
      const d = prompt.details;
      if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
      if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
      for (const [rs, s] of Object.entries(d.missingResourceScopes ?? {})) {
        grant.addResourceScope(rs, s.join(' '));
      }
      const grantId = await grant.save();
      const consent = details.grantId ? {} : { grantId };
      await provider.interactionFinished(req, res, { consent }, { mergeWithLastSubmission: true });
      return;
    }
    send(res, 400, page('Error', `<p id="error">unexpected step ${escapeHTML(step ?? '')} for prompt ${escapeHTML(prompt.name)}</p>`));
  };
}
