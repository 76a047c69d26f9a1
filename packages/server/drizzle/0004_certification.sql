-- 0004_certification: 分层分类认定 — case files, history, expert pool, panels, rubric scores, quotas (see docs/adr/0003).
CREATE TABLE "certification_rubrics" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"scale" text NOT NULL,
	"criteria" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "expert_profiles" (
	"account_id" bigint PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"enterprise_id" bigint,
	"affiliation" text,
	"title" text,
	"fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certification_cases" (
	"certification_id" bigint PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"case_code" text NOT NULL,
	"catalogue_tier" text NOT NULL,
	"needs_committee" boolean NOT NULL,
	"employer_id" bigint,
	"nominator_id" bigint,
	"quota_id" bigint,
	"recommender_name" text,
	"recommender_title" text,
	"statement" text,
	"department_code" text NOT NULL,
	"document_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"rubric_id" bigint,
	"panel_size" integer,
	"scoring_closed_at" timestamp with time zone,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certification_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"certification_id" bigint NOT NULL,
	"district" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor" text NOT NULL,
	"role" text,
	"reason" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certification_panel_members" (
	"certification_id" bigint NOT NULL,
	"expert_account_id" bigint NOT NULL,
	"drawn_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certification_panel_members_certification_id_expert_account_id_pk" PRIMARY KEY("certification_id","expert_account_id")
);
--> statement-breakpoint
CREATE TABLE "certification_scores" (
	"certification_id" bigint NOT NULL,
	"expert_account_id" bigint NOT NULL,
	"scores" jsonb NOT NULL,
	"total" numeric(6, 2) NOT NULL,
	"comment" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certification_scores_certification_id_expert_account_id_pk" PRIMARY KEY("certification_id","expert_account_id")
);
--> statement-breakpoint
CREATE TABLE "certification_quotas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"max_tier" text NOT NULL,
	"total" integer NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certification_rubrics" ADD CONSTRAINT "certification_rubrics_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_profiles" ADD CONSTRAINT "expert_profiles_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_profiles" ADD CONSTRAINT "expert_profiles_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_profiles" ADD CONSTRAINT "expert_profiles_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_cases" ADD CONSTRAINT "certification_cases_certification_id_certifications_id_fk" FOREIGN KEY ("certification_id") REFERENCES "public"."certifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_cases" ADD CONSTRAINT "certification_cases_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_cases" ADD CONSTRAINT "certification_cases_employer_id_enterprises_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_cases" ADD CONSTRAINT "certification_cases_nominator_id_enterprises_id_fk" FOREIGN KEY ("nominator_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_cases" ADD CONSTRAINT "certification_cases_rubric_id_certification_rubrics_id_fk" FOREIGN KEY ("rubric_id") REFERENCES "public"."certification_rubrics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_events" ADD CONSTRAINT "certification_events_certification_id_certifications_id_fk" FOREIGN KEY ("certification_id") REFERENCES "public"."certifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_events" ADD CONSTRAINT "certification_events_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_panel_members" ADD CONSTRAINT "certification_panel_members_certification_id_certifications_id_fk" FOREIGN KEY ("certification_id") REFERENCES "public"."certifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_panel_members" ADD CONSTRAINT "certification_panel_members_expert_account_id_accounts_id_fk" FOREIGN KEY ("expert_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_scores" ADD CONSTRAINT "certification_scores_certification_id_certifications_id_fk" FOREIGN KEY ("certification_id") REFERENCES "public"."certifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_scores" ADD CONSTRAINT "certification_scores_expert_account_id_accounts_id_fk" FOREIGN KEY ("expert_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_quotas" ADD CONSTRAINT "certification_quotas_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_quotas" ADD CONSTRAINT "certification_quotas_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certification_rubrics_one_active" ON "certification_rubrics" USING btree ("district") WHERE active;--> statement-breakpoint
CREATE INDEX "expert_profiles_district_active" ON "expert_profiles" USING btree ("district","active");--> statement-breakpoint
CREATE UNIQUE INDEX "certification_cases_code" ON "certification_cases" USING btree ("case_code");--> statement-breakpoint
CREATE UNIQUE INDEX "certification_cases_idempotency" ON "certification_cases" USING btree ("district","idempotency_key");--> statement-breakpoint
CREATE INDEX "certification_cases_district_department" ON "certification_cases" USING btree ("district","department_code");--> statement-breakpoint
CREATE INDEX "certification_events_case" ON "certification_events" USING btree ("certification_id","id");--> statement-breakpoint
CREATE INDEX "certification_panel_expert" ON "certification_panel_members" USING btree ("expert_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certification_quotas_enterprise_year" ON "certification_quotas" USING btree ("district","enterprise_id","year");
