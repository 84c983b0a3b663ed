import type { CallRow, StageRow } from './queries.js';
import { callState } from './lookup.js';

export function presentCall(call: CallRow, stages: StageRow[], chapterSlug: string | null, baseUrl = '') {
  return {
    id: call.id,
    kind: call.kind,
    slug: call.slug,
    chapter: chapterSlug,
    eventId: call.eventId,
    title: call.title,
    description: call.description,
    opensAt: call.opensAt.toISOString(),
    closesAt: call.closesAt.toISOString(),
    state: callState(call),
    version: call.version,
    rules: call.rules,
    stages: stages
      .filter((s) => s.callId === call.id)
      .map((s) => ({ id: s.id, position: s.position, name: s.name, blind: s.blind, closed: s.closedAt !== null })),
    url: `${baseUrl}/calls/${call.slug}`,
  };
}
