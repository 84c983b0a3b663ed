ALTER TABLE "articles" ALTER COLUMN "search_doc" DROP EXPRESSION;--> statement-breakpoint
ALTER TABLE "articles" ALTER COLUMN "search_doc" SET DEFAULT ''::tsvector;--> statement-breakpoint
ALTER TABLE "articles" ALTER COLUMN "search_doc" SET NOT NULL;
-- Hand-written note (no data change): DROP EXPRESSION comes first (PostgreSQL refuses a default on a
-- generated column). The rows keep the vector to_tsvector('simple') gave them; the application now
-- writes it (web/tsvector.ts), and an article's vector is rewritten at its next save.
