-- Hand-written data change (keep at the end when regenerating): contact messages between members
-- sent or cancelled before their text was purged on delivery lose it now, and are marked private so
-- that the outbox never offers to send them again (see src/mail/tables.ts, PRIVATE_BODY).
-- status is compared as text: a fresh database applies every migration in one transaction, where
-- the enum value 'cancelled' (added by 0015) may not be used as a constant yet.
UPDATE "outbound_messages"
SET "payload" = "payload" || '{"privateBody": 1}'::jsonb,
  "subject" = CASE WHEN "status"::text IN ('sent', 'cancelled') THEN NULL ELSE "subject" END,
  "text_body" = CASE WHEN "status"::text IN ('sent', 'cancelled') THEN NULL ELSE "text_body" END,
  "html_body" = CASE WHEN "status"::text IN ('sent', 'cancelled') THEN NULL ELSE "html_body" END,
  "headers" = CASE WHEN "status"::text IN ('sent', 'cancelled') THEN '{}'::jsonb ELSE "headers" END,
  "attachments" = CASE WHEN "status"::text IN ('sent', 'cancelled') THEN '[]'::jsonb ELSE "attachments" END
WHERE "kind" = 'member.contact';
