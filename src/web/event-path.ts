import { isUuid } from './schemas.js';
import { slugify } from './slug.js';

/**
 * An event's canonical address: `/events/{id}-{slug}`. The id finds the event, the slug (from the
 * title in the event's own language) only makes the address readable, so a renamed event keeps working:
 * the old slug answers a redirect to the new one. A title with no Latin letters or digits leaves the bare id.
 */
export function eventPath(e: { id: string; title: string }): string {
  const slug = slugify(e.title);
  return slug ? `/events/${e.id}-${slug}` : `/events/${e.id}`;
}

/** The event id in a `/events/:ref` segment — `{uuid}` or `{uuid}-{anything}` — or undefined when malformed. */
export function eventIdOf(ref: string): string | undefined {
  const id = ref.slice(0, 36);
  if (!isUuid(id)) return undefined;
  return ref.length === 36 || ref[36] === '-' ? id : undefined;
}
