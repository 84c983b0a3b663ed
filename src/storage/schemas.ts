import { z } from 'zod';
import { requiredText } from '../web/schemas.js';

/** A cover picture as the API shows it (events, chapters, venues): addresses relative to the site. */
export const CoverSchema = z
  .object({
    url: z.string().describe('The largest width, under /media (WebP)'),
    srcset: z.string().describe('Every width, for the `srcset` attribute'),
    width: z.number().int(),
    height: z.number().int(),
    alt: z.string().describe('The text that stands in for the picture'),
  })
  .nullable()
  .describe('Cover picture, or null');

/**
 * A cover upload: the picture and its text alternative, which is required — a picture without one
 * says nothing to a screen reader or to anyone whose connection did not load it.
 */
export const CoverUploadSchema = z.object({
  image: z.any().describe('The picture: JPEG, PNG, WebP or GIF, checked by content, at most 10 MB'),
  alt: requiredText(250, 'Text alternative: what the picture shows, for people who cannot see it'),
});

export const CoverResultSchema = z.object({ cover: CoverSchema });
