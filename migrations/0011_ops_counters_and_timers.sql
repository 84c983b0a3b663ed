CREATE TABLE "rate_limit_hits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"reset_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timer_runs" (
	"name" text PRIMARY KEY NOT NULL,
	"last_run_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- Hand-written (keep at the end when regenerating): counters are disposable, so the table skips
-- the WAL; a crash empties it, which only resets the rate-limit windows.
ALTER TABLE "rate_limit_hits" SET UNLOGGED;
