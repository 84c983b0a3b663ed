ALTER TABLE "call_jurors" DROP CONSTRAINT "call_jurors_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "call_jurors" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "call_jurors" ADD CONSTRAINT "call_jurors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;