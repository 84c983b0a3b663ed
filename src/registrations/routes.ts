import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { presentRegistration } from './present.js';
import { findEvent } from '../events/service.js';
import { authorizeRegistrations, registrationPolicy } from './policy.js';
import { bearer, type Api } from '../web/api.js';
import { requireUser } from '../web/context.js';
import { AppError, notFound } from '../web/errors.js';
import { translator, msg } from '../web/i18n.js';
import { authorize } from '../web/policy.js';
import { EmailSchema } from '../accounts/schemas.js';
import { registrationsCsv, registrationsSpreadsheetCsv } from './csv.js';
import {
  CheckInSchema,
  OwnRegistrationSchema,
  RegistrationCreateSchema,
  RegistrationListQuerySchema,
  RegistrationSchema,
  LinkSentSchema,
  RepeatRegistrationSchema,
} from './schemas.js';
import * as registrations from './service.js';

const tags = ['registrations'];
const IdParams = z.object({ id: z.uuid({ message: 'must be an id (UUID)' }) });
const SecretQuery = z.object({
  secret: z.string().max(100).optional().describe("The secret of the attendee's link, for guests"),
});

export const manageUrl = (baseUrl: string, secret: string) => `${baseUrl}/r/${secret}`;

export function registrationRoutes(app: Api, db: Db, config: Pick<Config, 'baseUrl'>): void {
  app.post('/api/v1/events/:id/registrations', {
    schema: {
      tags,
      summary: 'Register for an event (members with a token, or guests with name and e-mail)',
      description:
        'While seats remain the registration is confirmed (201), then waitlisted with its position. An address that is already registered gets 202 and its owner the ticket link by e-mail: the answer does not say whether it holds a seat (the signed-in owner gets 200 with the registration, without its secret link).',
      params: IdParams,
      body: RegistrationCreateSchema,
      response: { 201: OwnRegistrationSchema, 200: RepeatRegistrationSchema, 202: LinkSentSchema },
    },
    handler: async (req, reply) => {
      const name = req.body.name ?? req.user?.name;
      const email = req.body.email ?? req.user?.email;
      if (!name || !email) {
        const errors = [
          ...(!name ? [{ field: 'name', message: msg('validation.required') }] : []),
          ...(!email ? [{ field: 'email', message: msg('validation.required') }] : []),
        ];
        throw new AppError('validation', msg('registration.problem.guestsGive'), errors);
      }
      const { registration, created, position, event } = await registrations.registerForEvent(
        db,
        req.network,
        req.params.id,
        { name, email, answers: req.body.answers, shareWithVenue: req.body.shareWithVenue },
        { userId: req.user?.id, locale: req.locale },
      );
      const view = presentRegistration(registration, event, position);
      const owner = req.user && (registration.userId === req.user.id || registration.email === req.user.email);
      if (!created && !owner)
        return reply.code(202).send({ message: translator(req.locale)('registrations.linkSent') });
      if (!created)
        return reply.code(200).send({
          id: view.id,
          eventId: view.eventId,
          status: view.status,
          waitlistPosition: view.waitlistPosition,
          createdAt: view.createdAt,
        });
      return reply
        .code(201)
        .header('location', `/api/v1/registrations/${registration.id}`)
        .send({
          ...view,
          manageUrl: manageUrl(config.baseUrl, registration.secret),
          ...(registration.status === 'confirmed' ? { checkInCode: registration.checkInCode } : {}),
        });
    },
  });

  app.get('/api/v1/registrations/:id', {
    schema: {
      tags,
      summary: 'A registration (its attendee with the secret or signed in, or the organisers)',
      params: IdParams,
      querystring: SecretQuery,
      response: { 200: RegistrationSchema },
    },
    handler: async (req) => {
      const reg = await registrations.findRegistration(db, req.network, req.params.id);
      const event = await findEvent(db, req.network, reg.eventId);
      // 404 rather than 403: a registration's existence is nobody else's business.
      if (!(await registrationPolicy.manage(db, req.user, reg, event, req.query.secret)))
        throw notFound(msg('registration.problem.theRegistration', { id: reg.id }));
      return presentRegistration(reg, event, await registrations.waitlistPosition(db, reg));
    },
  });

  app.post('/api/v1/registrations/:id/cancel', {
    schema: {
      tags,
      summary: 'Cancel a registration; the head of the waitlist gets the seat',
      params: IdParams,
      querystring: SecretQuery,
      response: { 200: RegistrationSchema },
    },
    handler: async (req) => {
      const reg = await registrations.findRegistration(db, req.network, req.params.id);
      const event = await findEvent(db, req.network, reg.eventId);
      if (!(await registrationPolicy.manage(db, req.user, reg, event, req.query.secret)))
        throw notFound(msg('registration.problem.theRegistration', { id: reg.id }));
      const attendee = registrationPolicy.isAttendee(req.user, reg, req.query.secret);
      const { registration } = await registrations.cancelRegistration(
        db,
        req.network,
        reg.id,
        attendee ? 'attendee' : 'organizer',
      );
      return presentRegistration(registration, event, undefined);
    },
  });

  app.post('/api/v1/registrations/:id/confirm', {
    schema: {
      tags,
      summary:
        'Move a waitlisted person to confirmed by hand (organisers); adds a seat when none is free, never past the room’s seats (409)',
      security: bearer,
      params: IdParams,
      response: { 200: RegistrationSchema },
    },
    handler: async (req) => {
      const user = requireUser(req);
      const reg = await registrations.findRegistration(db, req.network, req.params.id);
      const event = await findEvent(db, req.network, reg.eventId);
      await authorizeRegistrations(db, user, event, 'confirm registrations');
      return presentRegistration(await registrations.confirmByHand(db, req.network, reg.id), event, undefined);
    },
  });

  app.post('/api/v1/events/:id/attendees', {
    schema: {
      tags,
      summary: 'Add a person by hand (organisers): no window or guest rule; seats and waitlist as usual',
      description:
        'A new person: 201 with the registration. An address already registered: 200 with its existing registration and status, nothing written and no e-mail sent. Unlike the public registration (202 without a status), this route is for the people who run the event, who already see every registration in the list.',
      security: bearer,
      params: IdParams,
      body: RegistrationCreateSchema,
      response: { 201: RegistrationSchema, 200: RegistrationSchema },
    },
    handler: async (req, reply) => {
      const user = requireUser(req);
      const event = await findEvent(db, req.network, req.params.id);
      await authorizeRegistrations(db, user, event, 'add attendees');
      if (!req.body.name || !req.body.email)
        throw new AppError('validation', msg('registration.problem.giveNameEmail'), [
          ...(!req.body.name ? [{ field: 'name', message: msg('validation.required') }] : []),
          ...(!req.body.email ? [{ field: 'email', message: msg('validation.required') }] : []),
        ]);
      const { registration, created, position } = await registrations.registerForEvent(
        db,
        req.network,
        event.id,
        { name: req.body.name, email: req.body.email, answers: req.body.answers },
        { byOrganizer: true, locale: req.locale },
      );
      return reply.code(created ? 201 : 200).send(presentRegistration(registration, event, position));
    },
  });

  app.get('/api/v1/events/:id/registrations', {
    schema: {
      tags,
      summary: 'Registrations of an event in arrival order (organisers); `?format=csv` for a spreadsheet',
      security: bearer,
      params: IdParams,
      querystring: RegistrationListQuerySchema,
    },
    handler: async (req, reply) => {
      const user = requireUser(req);
      const event = await findEvent(db, req.network, req.params.id);
      await authorizeRegistrations(db, user, event, 'see the registrations');
      const { status, format, limit, cursor } = req.query;
      const after = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : undefined;
      if (after !== undefined && !Number.isInteger(after))
        throw new AppError('validation', msg('error.badCursor'), [
          { field: 'cursor', message: msg('validation.badCursor') },
        ]);
      if (format === 'csv' || format === 'spreadsheet') {
        const rows = await registrations.listRegistrations(db, event.id, { status, limit: 100_000 });
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="registrations-${event.id}.csv"`)
          .send(
            format === 'csv' ? registrationsCsv(event, rows) : registrationsSpreadsheetCsv(event, rows, req.locale),
          );
      }
      const rows = await registrations.listRegistrations(db, event.id, {
        status,
        afterQueueNo: after,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const positions = await registrations.waitlistPositions(db, event.id, page);
      const items = page.map((r) => presentRegistration(r, event, positions.get(r.id)));
      return {
        items,
        nextCursor:
          rows.length > limit ? Buffer.from(String(page[page.length - 1]!.queueNo)).toString('base64url') : null,
      };
    },
  });

  app.post('/api/v1/events/:id/check-ins', {
    schema: {
      tags,
      summary: 'Check a ticket in at the door (organisers)',
      security: bearer,
      params: IdParams,
      body: CheckInSchema,
      response: { 200: RegistrationSchema.extend({ alreadyCheckedIn: z.boolean() }) },
    },
    handler: async (req) => {
      const user = requireUser(req);
      const event = await findEvent(db, req.network, req.params.id);
      await authorizeRegistrations(db, user, event, 'check people in');
      const { registration, already } = await registrations.checkIn(db, req.network, event.id, req.body.code);
      return { ...presentRegistration(registration, event, undefined), alreadyCheckedIn: already };
    },
  });

  app.delete('/api/v1/events/:id/check-ins/:registrationId', {
    schema: {
      tags,
      summary: 'Undo a check-in made by mistake (organisers)',
      description: 'The person is expected again; harmless when they were not checked in.',
      security: bearer,
      params: z.object({ id: IdParams.shape.id, registrationId: z.uuid({ message: 'validation.uuid' }) }),
      response: { 200: RegistrationSchema },
    },
    handler: async (req) => {
      const user = requireUser(req);
      const event = await findEvent(db, req.network, req.params.id);
      await authorizeRegistrations(db, user, event, 'check people in');
      const registration = await registrations.undoCheckIn(db, req.network, event.id, req.params.registrationId);
      return presentRegistration(registration, event, undefined);
    },
  });

  app.get('/api/v1/attendance', {
    schema: {
      tags,
      summary:
        "A person's registrations and no-shows, by e-mail (admins: all events; organisers: their chapters' events)",
      security: bearer,
      querystring: z.object({ email: EmailSchema }),
      response: {
        200: z.object({
          email: z.string(),
          registered: z.number().int(),
          attended: z.number().int(),
          noShows: z.number().int().describe('Confirmed for an event that has ended, never checked in'),
          items: z.array(
            RegistrationSchema.extend({ event: z.object({ id: z.uuid(), title: z.string(), startsAt: z.string() }) }),
          ),
        }),
      },
    },
    handler: async (req) => {
      const user = requireUser(req);
      const scope = await registrationPolicy.attendanceScope(db, req.network, user);
      authorize(user, scope === 'all' || scope.length > 0, 'see attendance (admins and organisers)');
      const rows = await registrations.attendanceOf(db, req.network, req.query.email, scope);
      const items = rows.map(({ registration, event }) => ({
        ...presentRegistration(registration, event, undefined),
        event: { id: event.id, title: event.title, startsAt: event.startsAt.toISOString() },
      }));
      return {
        email: req.query.email,
        registered: items.filter((i) => i.status !== 'cancelled').length,
        attended: items.filter((i) => i.attendance === 'attended').length,
        noShows: items.filter((i) => i.attendance === 'no-show').length,
        items,
      };
    },
  });
}
