import { z } from 'zod';
import { findChapter } from '../chapters/service.js';
import type { Db } from '../db/connection.js';
import { bearer, NoContentSchema, type Api } from '../web/api.js';
import { requireUser } from '../web/context.js';
import { authorize, isAdmin } from '../web/policy.js';
import { apiLocale } from '../web/errors.js';
import { translator } from '../web/i18n.js';
import { brusselsToday } from './present.js';
import { budgetPolicy } from './policy.js';
import { presentBudget, presentCategorySet, presentGrant } from './present.js';
import {
  BudgetActualQuerySchema,
  BudgetActualSchema,
  BudgetInputSchema,
  BudgetQuerySchema,
  BudgetSchema,
  CategorySetInputSchema,
  CategorySetSchema,
  GrantCreateSchema,
  GrantSchema,
  TreasurerInputSchema,
  TreasurerSchema,
} from './schemas.js';
import * as money from './service.js';

const tags = ['money'];
const IdParams = z.object({ id: z.uuid() });

export function budgetRoutes(app: Api, db: Db): void {
  app.get('/api/v1/grants', {
    schema: {
      tags,
      summary: 'Grants of the network (admins, treasurers, organisers)',
      security: bearer,
      response: { 200: z.object({ items: z.array(GrantSchema) }) },
    },
    handler: async (req) => {
      const user = requireUser(req);
      authorize(user, budgetPolicy.readGrants(await money.moneyScope(db, req.network, user)), 'see the grants');
      return { items: (await money.listGrants(db, req.network)).map(presentGrant) };
    },
  });

  app.post('/api/v1/grants', {
    schema: {
      tags,
      summary: 'Record a grant (admins, network treasurers)',
      security: bearer,
      body: GrantCreateSchema,
      response: { 201: GrantSchema },
    },
    handler: async (req, reply) => {
      const user = requireUser(req);
      authorize(user, budgetPolicy.manageGrants(await money.moneyScope(db, req.network, user)), 'record grants');
      const grant = await money.createGrant(db, req.network, req.body, user);
      return reply.code(201).header('location', `/api/v1/grants/${grant.id}`).send(presentGrant(grant));
    },
  });

  app.get('/api/v1/grants/:id', {
    schema: { tags, summary: 'A grant', security: bearer, params: IdParams, response: { 200: GrantSchema } },
    handler: async (req) => {
      const user = requireUser(req);
      authorize(user, budgetPolicy.readGrants(await money.moneyScope(db, req.network, user)), 'see the grants');
      return presentGrant(await money.findGrant(db, req.network, req.params.id));
    },
  });

  app.put('/api/v1/grants/:id', {
    schema: {
      tags,
      summary: 'Change a grant (admins, network treasurers)',
      security: bearer,
      params: IdParams,
      body: GrantCreateSchema,
      response: { 200: GrantSchema },
    },
    config: { problems: [404] },
    handler: async (req) => {
      const user = requireUser(req);
      authorize(user, budgetPolicy.manageGrants(await money.moneyScope(db, req.network, user)), 'record grants');
      return presentGrant(await money.updateGrant(db, req.network, req.params.id, req.body, user));
    },
  });

  app.get('/api/v1/budgets/actual', {
    schema: {
      tags,
      summary: 'Budget vs actual on a date, per category, chapter, event and grant',
      description:
        'Planned: the expense lines of the year’s budgets. Actual: expenses incurred from 1 January to `at`, approved by the end of that day (Brussels). Pending: submitted by then, not yet approved. A chapter’s treasurers and organisers see their chapter (`chapter=`); the network view is for admins and network treasurers.',
      security: bearer,
      querystring: BudgetActualQuerySchema,
      response: { 200: BudgetActualSchema },
    },
    config: { problems: [404] },
    handler: async (req) => {
      const user = requireUser(req);
      const scope = await money.moneyScope(db, req.network, user);
      const chapterId = req.query.chapter ? (await findChapter(db, req.network, req.query.chapter)).id : null;
      authorize(user, budgetPolicy.readBudget(scope, chapterId), 'see this budget');
      const at = req.query.at ?? brusselsToday();
      const figures = await money.budgetVsActual(db, req.network, at, chapterId ?? undefined);
      return { ...figures, definition: translator(apiLocale(req))('budgets.actualDefinition') };
    },
  });

  app.get('/api/v1/budgets', {
    schema: {
      tags,
      summary: 'Budgets the caller may read, by year and chapter',
      description: '`chapter=network` for the network-wide budget only.',
      security: bearer,
      querystring: BudgetQuerySchema,
      response: { 200: z.object({ items: z.array(BudgetSchema) }) },
    },
    handler: async (req) => {
      const user = requireUser(req);
      const scope = await money.moneyScope(db, req.network, user);
      authorize(user, budgetPolicy.listBudgets(scope), 'see budgets');
      const chapterId =
        req.query.chapter === 'network'
          ? null
          : req.query.chapter
            ? (await findChapter(db, req.network, req.query.chapter)).id
            : undefined;
      const rows = await money.listBudgets(db, req.network, { year: req.query.year, chapterId });
      return { items: rows.filter((b) => budgetPolicy.readBudget(scope, b.chapterId)).map(presentBudget) };
    },
  });

  app.post('/api/v1/budgets', {
    schema: {
      tags,
      summary: "Set a year's budget of the network or a chapter: its income and planned expense lines",
      description: 'Replaces the lines of that budget (created when missing).',
      security: bearer,
      body: BudgetInputSchema,
      response: { 200: BudgetSchema },
    },
    handler: async (req) => {
      const user = requireUser(req);
      const scope = await money.moneyScope(db, req.network, user);
      const chapterId = req.body.chapter ? (await findChapter(db, req.network, req.body.chapter)).id : null;
      authorize(user, budgetPolicy.writeBudget(scope, chapterId), 'set this budget');
      return presentBudget(await money.saveBudget(db, req.network, req.body, user));
    },
  });

  app.get('/api/v1/category-sets', {
    schema: {
      tags,
      summary: "Expense category sets; the default one (Brussels subsidy preset, editable) is the network's",
      security: bearer,
      response: { 200: z.object({ items: z.array(CategorySetSchema) }) },
    },
    handler: async (req) => {
      const user = requireUser(req);
      authorize(user, budgetPolicy.readCategories(await money.moneyScope(db, req.network, user)), 'see categories');
      return { items: (await money.listCategorySets(db, req.network)).map(presentCategorySet) };
    },
  });

  app.post('/api/v1/category-sets', {
    schema: {
      tags,
      summary: "A funder's category set",
      security: bearer,
      body: CategorySetInputSchema,
      response: { 201: CategorySetSchema },
    },
    handler: async (req, reply) => {
      const user = requireUser(req);
      authorize(user, budgetPolicy.manageCategories(await money.moneyScope(db, req.network, user)), 'edit categories');
      return reply.code(201).send(presentCategorySet(await money.createCategorySet(db, req.network, req.body, user)));
    },
  });

  app.put('/api/v1/category-sets/:id', {
    schema: {
      tags,
      summary: 'Change a category set (its name and categories)',
      security: bearer,
      params: IdParams,
      body: CategorySetInputSchema,
      response: { 200: CategorySetSchema },
    },
    handler: async (req) => {
      const user = requireUser(req);
      authorize(user, budgetPolicy.manageCategories(await money.moneyScope(db, req.network, user)), 'edit categories');
      return presentCategorySet(await money.updateCategorySet(db, req.network, req.params.id, req.body, user));
    },
  });

  app.get('/api/v1/treasurers', {
    schema: {
      tags,
      summary: 'Treasurers (admins)',
      security: bearer,
      response: { 200: z.object({ items: z.array(TreasurerSchema) }) },
    },
    handler: async (req) => {
      authorize(req.user, isAdmin(req.user), 'see treasurers');
      return { items: (await money.listTreasurers(db, req.network)).map(({ locale: _l, chapterId: _c, ...t }) => t) };
    },
  });

  app.post('/api/v1/treasurers', {
    schema: {
      tags,
      summary: 'Make an account treasurer of the network or of a chapter (admins)',
      security: bearer,
      body: TreasurerInputSchema,
      response: { 201: TreasurerSchema },
    },
    handler: async (req, reply) => {
      authorize(req.user, isAdmin(req.user), 'appoint treasurers');
      const { locale: _l, chapterId: _c, ...t } = await money.addTreasurer(db, req.network, req.body, req.user);
      return reply.code(201).send(t);
    },
  });

  app.delete('/api/v1/treasurers/:id', {
    schema: {
      tags,
      summary: 'Remove a treasurer (admins)',
      security: bearer,
      params: IdParams,
      response: { 204: NoContentSchema },
    },
    handler: async (req, reply) => {
      authorize(req.user, isAdmin(req.user), 'remove treasurers');
      await money.removeTreasurer(db, req.network, req.params.id, req.user);
      return reply.code(204).send(null);
    },
  });
}
