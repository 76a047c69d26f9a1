-- 0006_claims: applications and their review, grants, funds, payment items and batches, the ledger,
-- idempotency keys and station consents (hand-written in drizzle-kit's style; see docs/adr/0003).
CREATE TABLE "application_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"stage_id" text,
	"actor_account_id" bigint,
	"actor_name" text NOT NULL,
	"actor_role" text,
	"station_name" text,
	"reason" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"policy_id" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"pack_version_id" bigint NOT NULL,
	"subject_kind" text NOT NULL,
	"talent_id" bigint,
	"enterprise_id" bigint,
	"subject_key" text NOT NULL,
	"subject_name" text NOT NULL,
	"submitted_by" bigint NOT NULL,
	"station_account_id" bigint,
	"status" text NOT NULL,
	"facts" jsonb NOT NULL,
	"decision" jsonb NOT NULL,
	"amount_cents" bigint NOT NULL,
	"fund_code" text NOT NULL,
	"exclusivity_group" text,
	"stages" jsonb NOT NULL,
	"current_stage" integer DEFAULT 0 NOT NULL,
	"holder" text,
	"stage_started_at" timestamp with time zone NOT NULL,
	"stage_due_at" timestamp with time zone NOT NULL,
	"materials" jsonb NOT NULL,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funds" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"code" text NOT NULL,
	"year" integer NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"budget_cents" bigint NOT NULL,
	"committed_cents" bigint DEFAULT 0 NOT NULL,
	"paid_cents" bigint DEFAULT 0 NOT NULL,
	"updated_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"policy_id" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"subject_key" text NOT NULL,
	"subject_name" text NOT NULL,
	"talent_id" bigint,
	"enterprise_id" bigint,
	"application_id" bigint,
	"mode" text NOT NULL,
	"exclusivity_group" text,
	"amount_cents" bigint NOT NULL,
	"fund_id" bigint,
	"pack_version_id" bigint NOT NULL,
	"grant_date" date NOT NULL,
	"granted_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" bigint NOT NULL,
	"key" text NOT NULL,
	"scope" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer DEFAULT 200 NOT NULL,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"fund_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"grant_id" bigint,
	"payment_item_id" bigint,
	"batch_id" bigint,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_batch_items" (
	"batch_id" bigint NOT NULL,
	"item_id" bigint NOT NULL,
	"amount_cents" bigint NOT NULL,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"marked_by" text,
	"marked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payment_batches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"item_count" integer NOT NULL,
	"total_cents" bigint NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payment_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"grant_id" bigint NOT NULL,
	"fund_id" bigint NOT NULL,
	"instalment" integer NOT NULL,
	"amount_cents" bigint NOT NULL,
	"due_date" date NOT NULL,
	"conditional" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"batch_id" bigint,
	"paid_at" timestamp with time zone,
	"failure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "station_consents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"talent_id" bigint NOT NULL,
	"station_account_id" bigint NOT NULL,
	"scope" text[] NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"granted_by" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_pack_version_id_pack_versions_id_fk" FOREIGN KEY ("pack_version_id") REFERENCES "public"."pack_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_submitted_by_accounts_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_station_account_id_accounts_id_fk" FOREIGN KEY ("station_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds" ADD CONSTRAINT "funds_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_pack_version_id_pack_versions_id_fk" FOREIGN KEY ("pack_version_id") REFERENCES "public"."pack_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger" ADD CONSTRAINT "ledger_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger" ADD CONSTRAINT "ledger_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger" ADD CONSTRAINT "ledger_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger" ADD CONSTRAINT "ledger_payment_item_id_payment_items_id_fk" FOREIGN KEY ("payment_item_id") REFERENCES "public"."payment_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger" ADD CONSTRAINT "ledger_batch_id_payment_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."payment_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_batch_items" ADD CONSTRAINT "payment_batch_items_batch_id_payment_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."payment_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_batch_items" ADD CONSTRAINT "payment_batch_items_item_id_payment_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."payment_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_batches" ADD CONSTRAINT "payment_batches_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_items" ADD CONSTRAINT "payment_items_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_items" ADD CONSTRAINT "payment_items_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_items" ADD CONSTRAINT "payment_items_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_consents" ADD CONSTRAINT "station_consents_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_consents" ADD CONSTRAINT "station_consents_talent_id_talents_id_fk" FOREIGN KEY ("talent_id") REFERENCES "public"."talents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_consents" ADD CONSTRAINT "station_consents_station_account_id_accounts_id_fk" FOREIGN KEY ("station_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_events_application" ON "application_events" USING btree ("application_id","id");--> statement-breakpoint
CREATE INDEX "applications_district_status" ON "applications" USING btree ("district","status");--> statement-breakpoint
CREATE INDEX "applications_subject" ON "applications" USING btree ("district","subject_key");--> statement-breakpoint
CREATE INDEX "applications_holder" ON "applications" USING btree ("district","holder");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_one_open" ON "applications" USING btree ("district","subject_key","policy_id") WHERE status in ('in_review', 'returned');--> statement-breakpoint
CREATE UNIQUE INDEX "funds_district_code_year" ON "funds" USING btree ("district","code","year");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_subject_policy" ON "grants" USING btree ("district","subject_key","policy_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_subject_group" ON "grants" USING btree ("district","subject_key","exclusivity_group") WHERE exclusivity_group is not null;--> statement-breakpoint
CREATE INDEX "grants_talent" ON "grants" USING btree ("talent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_keys_account_key" ON "idempotency_keys" USING btree ("account_id","key");--> statement-breakpoint
CREATE INDEX "ledger_district_fund" ON "ledger" USING btree ("district","fund_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_batch_items_pk" ON "payment_batch_items" USING btree ("batch_id","item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_batch_items_live" ON "payment_batch_items" USING btree ("item_id") WHERE outcome in ('pending', 'paid');--> statement-breakpoint
CREATE INDEX "payment_batches_district" ON "payment_batches" USING btree ("district","id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_items_grant_instalment" ON "payment_items" USING btree ("grant_id","instalment");--> statement-breakpoint
CREATE INDEX "payment_items_district_status_due" ON "payment_items" USING btree ("district","status","due_date");--> statement-breakpoint
CREATE INDEX "station_consents_station" ON "station_consents" USING btree ("station_account_id");--> statement-breakpoint
CREATE INDEX "station_consents_talent" ON "station_consents" USING btree ("talent_id");
