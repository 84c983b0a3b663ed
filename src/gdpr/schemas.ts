import { z } from 'zod';

/** Deleting my account: I type my e-mail address, so a stolen token alone cannot do it by accident. */
export const DeleteMeSchema = z.object({
  confirm: z
    .string()
    .trim()
    .min(1, 'is required: type your e-mail address')
    .max(254)
    .describe('Your e-mail address, typed again to confirm'),
});

export const MemberIdParamsSchema = z.object({ id: z.uuid({ message: 'must be a member id (UUID)' }) });
