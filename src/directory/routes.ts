import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { bearer, type Api } from '../web/api.js';
import { memberProfile, searchDirectory, suggestSkills } from './service.js';
import {
  DirectoryPageSchema,
  DirectoryQuerySchema,
  MemberProfileViewSchema,
  SkillQuerySchema,
  SkillSuggestionSchema,
} from './schemas.js';

const tags = ['directory'];
const who =
  "Signed-in members see the profiles of verified members who opted in, and their own; organisers also see the followers of their chapters; admins see everyone. E-mail addresses are given to admins, and to organisers for their chapters' followers, only.";

/** The member directory's JSON API: validate → search with the viewer's scope → present. */
export function directoryRoutes(app: Api, db: Db, _config: Config): void {
  app.get('/api/v1/members', {
    schema: {
      tags,
      summary: 'Search the member directory',
      description: `${who} Filters combine (all must hold). With free text, best matches come first; otherwise by name.`,
      security: bearer,
      querystring: DirectoryQuerySchema,
      response: { 200: DirectoryPageSchema },
    },
    handler: async (req) => {
      const { limit, cursor, ...filters } = req.query;
      const { items, total, nextCursor } = await searchDirectory(db, req.network, req.user, filters, { limit, cursor });
      return { items, total, nextCursor };
    },
  });

  app.get('/api/v1/members/:id', {
    schema: {
      tags,
      summary: "A member's profile from the directory",
      description: `${who} 404 (never 403) for a profile you may not see, exactly as for one that does not exist.`,
      security: bearer,
      params: z.object({ id: z.string().max(100).describe('Member id') }),
      response: { 200: MemberProfileViewSchema },
    },
    handler: async (req) => memberProfile(db, req.network, req.user, req.params.id),
  });

  app.get('/api/v1/skills', {
    schema: {
      tags,
      summary: 'Skill suggestions: the most common skills among the profiles you may see',
      description: 'Matches the beginning of the skill, accents and case ignored ("jav" → JavaScript, Java).',
      security: bearer,
      querystring: SkillQuerySchema,
      response: { 200: z.object({ items: z.array(SkillSuggestionSchema) }) },
    },
    handler: async (req) => ({ items: await suggestSkills(db, req.network, req.user, req.query.q, req.query.limit) }),
  });
}
