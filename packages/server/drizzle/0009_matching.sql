CREATE TABLE "eligibility_subjects" (
	"subject_kind" text NOT NULL,
	"subject_id" bigint NOT NULL,
	"district" text NOT NULL,
	"pack_version_id" bigint NOT NULL,
	"total" numeric(14, 2) NOT NULL,
	"total_complete" boolean NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "eligibility_subjects_subject_kind_subject_id_pk" PRIMARY KEY("subject_kind","subject_id")
);
--> statement-breakpoint
CREATE TABLE "eligibility_snapshots" (
	"subject_kind" text NOT NULL,
	"subject_id" bigint NOT NULL,
	"policy_id" text NOT NULL,
	"district" text NOT NULL,
	"pack_version_id" bigint NOT NULL,
	"verdict" text NOT NULL,
	"amount" numeric(14, 2),
	"schedule" jsonb,
	"missing" text[] DEFAULT '{}'::text[] NOT NULL,
	"exclusivity_group" text,
	"chosen" boolean DEFAULT true NOT NULL,
	"displaced_by" text,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "eligibility_snapshots_subject_kind_subject_id_policy_id_pk" PRIMARY KEY("subject_kind","subject_id","policy_id")
);
--> statement-breakpoint
CREATE TABLE "matching_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"pack_version_id" bigint NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"newly_eligible" integer DEFAULT 0 NOT NULL,
	"notified" integer DEFAULT 0 NOT NULL,
	"error" text,
	"requested_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"account_id" bigint NOT NULL,
	"notification_id" bigint,
	"to_address" text,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "eligibility_subjects" ADD CONSTRAINT "eligibility_subjects_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_subjects" ADD CONSTRAINT "eligibility_subjects_pack_version_id_pack_versions_id_fk" FOREIGN KEY ("pack_version_id") REFERENCES "public"."pack_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_runs" ADD CONSTRAINT "matching_runs_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_runs" ADD CONSTRAINT "matching_runs_pack_version_id_pack_versions_id_fk" FOREIGN KEY ("pack_version_id") REFERENCES "public"."pack_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "eligibility_subjects_district_version" ON "eligibility_subjects" USING btree ("district","pack_version_id");--> statement-breakpoint
CREATE INDEX "eligibility_snapshots_counts" ON "eligibility_snapshots" USING btree ("district","pack_version_id","policy_id","verdict");--> statement-breakpoint
CREATE INDEX "matching_runs_district_created" ON "matching_runs" USING btree ("district","created_at");--> statement-breakpoint
CREATE INDEX "email_outbox_status" ON "email_outbox" USING btree ("status","id");
