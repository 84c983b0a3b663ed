CREATE TYPE "public"."budget_line_kind" AS ENUM('grant', 'sponsorship', 'own_funds', 'expense');--> statement-breakpoint
CREATE TYPE "public"."expense_payer" AS ENUM('network', 'organiser');--> statement-breakpoint
CREATE TYPE "public"."expense_status" AS ENUM('draft', 'submitted', 'incomplete', 'approved', 'paid', 'rejected');--> statement-breakpoint
CREATE TABLE "budget_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"budget_id" uuid NOT NULL,
	"kind" "budget_line_kind" NOT NULL,
	"grant_id" uuid,
	"category" text,
	"label" text DEFAULT '' NOT NULL,
	"amount_cents" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"chapter_id" uuid,
	"year" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budgets_once" UNIQUE NULLS NOT DISTINCT("network_id","chapter_id","year")
);
--> statement-breakpoint
CREATE TABLE "category_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"name" text NOT NULL,
	"categories" jsonb NOT NULL,
	"is_default" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"chapter_id" uuid,
	"funder" text NOT NULL,
	"public_funder" integer DEFAULT 1 NOT NULL,
	"decision_ref" text DEFAULT '' NOT NULL,
	"amount_granted_cents" bigint NOT NULL,
	"rate_bp" integer NOT NULL,
	"eligible_categories" text[] NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"justification_deadline" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grants_rate" CHECK ("grants"."rate_bp" between 1 and 10000),
	CONSTRAINT "grants_period" CHECK ("grants"."period_end" >= "grants"."period_start"),
	CONSTRAINT "grants_amount" CHECK ("grants"."amount_granted_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "treasurers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"chapter_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "treasurers_once" UNIQUE NULLS NOT DISTINCT("network_id","user_id","chapter_id")
);
--> statement-breakpoint
CREATE TABLE "expense_event_shares" (
	"network_id" uuid NOT NULL,
	"expense_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"amount_cents" bigint NOT NULL,
	CONSTRAINT "expense_event_shares_expense_id_event_id_pk" PRIMARY KEY("expense_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "expense_grant_shares" (
	"network_id" uuid NOT NULL,
	"expense_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"amount_cents" bigint NOT NULL,
	CONSTRAINT "expense_grant_shares_expense_id_grant_id_pk" PRIMARY KEY("expense_id","grant_id")
);
--> statement-breakpoint
CREATE TABLE "expense_receipts" (
	"network_id" uuid NOT NULL,
	"expense_id" uuid NOT NULL,
	"upload_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expense_receipts_expense_id_upload_id_pk" PRIMARY KEY("expense_id","upload_id")
);
--> statement-breakpoint
CREATE TABLE "expenses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"chapter_id" uuid,
	"status" "expense_status" DEFAULT 'draft' NOT NULL,
	"incurred_on" date NOT NULL,
	"paid_on" date,
	"supplier_name" text NOT NULL,
	"supplier_vat" text,
	"amount_cents" bigint NOT NULL,
	"vat_rate" integer NOT NULL,
	"category" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"paid_by" "expense_payer" DEFAULT 'network' NOT NULL,
	"reimburse_user_id" uuid,
	"volunteer_user_id" uuid,
	"created_by" uuid,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"status_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expenses_vat_rate" CHECK ("expenses"."vat_rate" in (0, 6, 12, 21)),
	CONSTRAINT "expenses_reimburse" CHECK ("expenses"."paid_by" = 'network' or "expenses"."reimburse_user_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "money_monthly_exports" (
	"network_id" uuid NOT NULL,
	"month" text NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "money_monthly_exports_network_id_month_pk" PRIMARY KEY("network_id","month")
);
--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_budget_id_budgets_id_fk" FOREIGN KEY ("budget_id") REFERENCES "public"."budgets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_chapter_id_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "category_sets" ADD CONSTRAINT "category_sets_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_chapter_id_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapters"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treasurers" ADD CONSTRAINT "treasurers_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treasurers" ADD CONSTRAINT "treasurers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treasurers" ADD CONSTRAINT "treasurers_chapter_id_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_event_shares" ADD CONSTRAINT "expense_event_shares_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_event_shares" ADD CONSTRAINT "expense_event_shares_expense_id_expenses_id_fk" FOREIGN KEY ("expense_id") REFERENCES "public"."expenses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_event_shares" ADD CONSTRAINT "expense_event_shares_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_grant_shares" ADD CONSTRAINT "expense_grant_shares_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_grant_shares" ADD CONSTRAINT "expense_grant_shares_expense_id_expenses_id_fk" FOREIGN KEY ("expense_id") REFERENCES "public"."expenses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_grant_shares" ADD CONSTRAINT "expense_grant_shares_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_receipts" ADD CONSTRAINT "expense_receipts_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_receipts" ADD CONSTRAINT "expense_receipts_expense_id_expenses_id_fk" FOREIGN KEY ("expense_id") REFERENCES "public"."expenses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expense_receipts" ADD CONSTRAINT "expense_receipts_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_chapter_id_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapters"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_reimburse_user_id_users_id_fk" FOREIGN KEY ("reimburse_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_volunteer_user_id_users_id_fk" FOREIGN KEY ("volunteer_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_monthly_exports" ADD CONSTRAINT "money_monthly_exports_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_lines_budget" ON "budget_lines" USING btree ("budget_id");--> statement-breakpoint
CREATE UNIQUE INDEX "category_sets_name" ON "category_sets" USING btree ("network_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "category_sets_one_default" ON "category_sets" USING btree ("network_id") WHERE "category_sets"."is_default" = 1;--> statement-breakpoint
CREATE INDEX "grants_network" ON "grants" USING btree ("network_id","period_start");--> statement-breakpoint
CREATE INDEX "expense_event_shares_event" ON "expense_event_shares" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "expense_grant_shares_grant" ON "expense_grant_shares" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "expenses_network_date" ON "expenses" USING btree ("network_id","incurred_on");--> statement-breakpoint
CREATE INDEX "expenses_chapter" ON "expenses" USING btree ("network_id","chapter_id","incurred_on");--> statement-breakpoint
CREATE INDEX "expenses_status" ON "expenses" USING btree ("network_id","status");