import { z } from 'zod';

export const CalendarTokenSchema = z.object({
  url: z
    .url()
    .describe(
      'The secret address of your personal calendar (your registrations), to subscribe to in a calendar app. Shown once: anyone with it can read the feed, so revoke it if it leaks.',
    ),
});
