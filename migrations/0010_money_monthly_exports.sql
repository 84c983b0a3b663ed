CREATE TABLE "money_monthly_exports" (
	"network_id" uuid NOT NULL,
	"month" text NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "money_monthly_exports_network_id_month_pk" PRIMARY KEY("network_id","month")
);
--> statement-breakpoint
ALTER TABLE "money_monthly_exports" ADD CONSTRAINT "money_monthly_exports_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;