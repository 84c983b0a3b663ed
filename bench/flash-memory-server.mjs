// The flash crowd's reference: the same registrations, kept in memory only. A Fastify server with
// the Zod type provider and Essaim's own body and response schemas, one route that takes a
// registration the way Essaim does (the same e-mail again gets its registration back, seats then
// waitlist in arrival order, random secret and check-in code) and nothing persisted: no database,
// no e-mail, no webhook. Run by bench/flash-crowd.mjs as a process of its own, as the real server
// is; prints its port on stdout.
//
// What it does as Essaim does (checked 2026-11-27): the same Zod validation of the id (UUID) and
// the body (RegistrationCreateSchema: name, e-mail lower-cased, answers), the same response
// schemas serialised by the same compiler, 201 with a Location header and the registration with its
// manage link (and check-in code when seated), 202 for an address already registered, the waitlist
// place in arrival order, 24 random bytes of secret and 8 of check-in code per person.
// What it does NOT do, so the ratio also measures these (they are Essaim's, not the database's):
// the per-request hooks every Essaim route runs (security headers computed once from helmet, a request id,
// the network from the Host header, language negotiation, metrics, the page cache's and HTTP
// caching's checks, request logging at 'warn'); the event's rules (open, not started, guests
// allowed, answers to its questions, 10 registrations per address per minute); the 202's words
// from the FR/NL/EN catalogues (here one English sentence). It is a fair floor, slightly lenient.
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { root } from './support.mjs';

const { RegistrationCreateSchema, OwnRegistrationSchema, LinkSentSchema } = await import(
  pathToFileURL(path.join(root, 'dist', 'registrations', 'schemas.js')).href
);
const seats = Number(process.argv[2] ?? 50);

const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
app.setValidatorCompiler(validatorCompiler);
app.setSerializerCompiler(serializerCompiler);

/** Per event: registrations by e-mail and the counts. */
const events = new Map();
app.post('/api/v1/events/:id/registrations', {
  schema: {
    params: z.object({ id: z.uuid() }),
    body: RegistrationCreateSchema,
    response: { 201: OwnRegistrationSchema, 202: LinkSentSchema },
  },
  handler: async (req, reply) => {
    const { name, email, answers } = req.body;
    let event = events.get(req.params.id);
    if (!event) {
      event = { byEmail: new Map(), confirmed: 0, waitlisted: 0 };
      events.set(req.params.id, event);
    }
    const known = event.byEmail.get(email);
    // As Essaim answers a guest repeating an address (issue 16, point 19): no status, a link sent.
    if (known) return reply.code(202).send({ message: 'The ticket link has been sent to this address.' });
    const seat = event.confirmed < seats;
    if (seat) event.confirmed++;
    else event.waitlisted++;
    const secret = randomBytes(24).toString('base64url');
    const registration = {
      id: randomUUID(),
      eventId: req.params.id,
      name,
      email,
      status: seat ? 'confirmed' : 'waitlisted',
      ...(seat ? {} : { waitlistPosition: event.waitlisted }),
      answers,
      checkedInAt: null,
      attendance: null,
      cancelledAt: null,
      sharedWithVenueAt: null,
      createdAt: new Date().toISOString(),
    };
    event.byEmail.set(email, registration);
    return reply
      .code(201)
      .header('location', `/api/v1/registrations/${registration.id}`)
      .send({
        ...registration,
        manageUrl: `http://127.0.0.1/r/${secret}`,
        ...(seat ? { checkInCode: randomBytes(8).toString('hex').toUpperCase() } : {}),
      });
  },
});
app.get('/healthz', async () => ({ status: 'ok' }));

await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${app.server.address().port}\n`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
