import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../accounts/service.js';
import type { Db } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError, apiLocale } from './errors.js';
import { negotiateLocale, setRequestLocale, withRequestLocale, type Locale, msg } from './i18n.js';

export const SESSION_COOKIE = 'essaim_session';
export const LANG_COOKIE = 'essaim_lang';

declare module 'fastify' {
  interface FastifyRequest {
    network: Network;
    user: User | null;
    locale: Locale;
    /** The signed-in user runs something (admin, organiser, venue manager): pages show them Administration. */
    staff: boolean;
  }
}

/**
 * Resolves, for every request: the network (tenant) from the host name, the signed-in user
 * (bearer token for the API, session cookie for pages) and the language.
 */
/** How the request finds its network and user: given by the app, since web/ imports no feature. */
export interface ContextLookups {
  networkForHost(db: Db, host: string | undefined): Promise<Network | undefined>;
  /** The network `networkForHost` answered for this host a moment ago, without waiting; undefined when it must ask. */
  rememberedNetwork?(db: Db, host: string | undefined): { network: Network | undefined } | undefined;
  userForToken(db: Db, networkId: string, token: string): Promise<User | undefined>;
  userForSession(db: Db, networkId: string, cookie: string): Promise<User | undefined>;
  /** Whether a signed-in member organises a chapter or manages a venue (admins always are staff). */
  runsSomething?(db: Db, network: Network, user: User): Promise<boolean>;
}

export function registerContext(app: FastifyInstance, db: Db, lookups: ContextLookups): void {
  const { networkForHost, rememberedNetwork, userForToken, userForSession, runsSomething } = lookups;
  app.decorateRequest('network', null as unknown as Network);
  app.decorateRequest('user', null);
  app.decorateRequest('locale', 'en');
  app.decorateRequest('staff', false);

  // Every message rendered while answering this request (a form's errors, a service's AppError)
  // is in the request's language: run the rest of the request inside its own locale store.
  app.addHook('onRequest', (_req, _reply, done) => withRequestLocale(done));

  /** The rest once the network is known: language, then the user (a promise only when there is one to look up). */
  const settle = (
    req: FastifyRequest,
    reply: FastifyReply,
    network: Network | undefined,
  ): Promise<void> | undefined => {
    if (!network) throw new AppError('unavailable', msg('error.noNetwork'));
    req.network = network;

    const query = req.query as Record<string, unknown> | undefined;
    const asked = typeof query?.lang === 'string' ? query.lang : undefined;
    req.locale = negotiateLocale(asked, req.cookies[LANG_COOKIE], req.headers['accept-language']);
    // The API answers in the language of Accept-Language, English when it names none we speak:
    // a client program has no cookie and no visible switch.
    setRequestLocale(req.url.startsWith('/api/') ? apiLocale(req) : req.locale);
    if (asked && asked === req.locale && req.cookies[LANG_COOKIE] !== asked) {
      reply.setCookie(LANG_COOKIE, asked, {
        path: '/',
        sameSite: 'lax',
        maxAge: 365 * 86_400,
        httpOnly: true,
        secure: req.protocol === 'https',
      });
    }

    const auth = req.headers.authorization;
    if (auth !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(auth);
      if (!match) throw new AppError('unauthenticated', msg('error.bearerForm'));
      return userForToken(db, network.id, match[1]!).then((user) => {
        if (!user) throw new AppError('unauthenticated', msg('error.tokenUnknown'));
        req.user = user;
      });
    }
    // The JSON API only accepts bearer tokens: a cookie never authenticates an API call,
    // so the API needs no CSRF defence. Pages use the session cookie and CSRF tokens.
    const cookie = req.url.startsWith('/api/') ? undefined : req.cookies[SESSION_COOKIE];
    if (!cookie) return undefined;
    return userForSession(db, network.id, cookie).then(async (user) => {
      req.user = user ?? null;
      if (user) req.staff = user.role === 'admin' || ((await runsSomething?.(db, network, user)) ?? false);
    });
  };

  // Callback-style, and synchronous for an anonymous visitor on a network remembered a moment ago
  // (most requests): no promise to make and wait for before the next hook (bench:pages).
  app.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    // Probes and metrics report on the process and database: no network lookup may fail them first.
    if ((req.routeOptions.config as { bare?: boolean } | undefined)?.bare) return done();
    try {
      const remembered = rememberedNetwork?.(db, req.headers.host);
      const pending = remembered
        ? settle(req, reply, remembered.network)
        : networkForHost(db, req.headers.host).then((network) => settle(req, reply, network));
      if (pending) pending.then(() => done(), done);
      else done();
    } catch (err) {
      done(err as Error);
    }
  });
}

export function requireUser(req: FastifyRequest): User {
  if (!req.user) throw new AppError('unauthenticated', msg('error.signInApi'));
  return req.user;
}
