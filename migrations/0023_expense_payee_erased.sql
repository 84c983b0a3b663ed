ALTER TABLE "expenses" DROP CONSTRAINT "expenses_reimburse";--> statement-breakpoint
ALTER TABLE "expenses" ADD COLUMN "payee_erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_reimburse" CHECK ("expenses"."paid_by" = 'network' or "expenses"."reimburse_user_id" is not null or "expenses"."payee_erased_at" is not null);