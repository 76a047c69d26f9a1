-- 0010_services: 人才安居, 人才活动, 人才贷, 青年人才储备库 (hand-written in drizzle-kit's style, see docs/adr/0003).
CREATE TABLE "apartments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"building" text NOT NULL,
	"unit" text NOT NULL,
	"area_sqm" integer NOT NULL,
	"rent_monthly" integer NOT NULL,
	"status" text DEFAULT 'vacant' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "housing_applications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"talent_id" bigint NOT NULL,
	"building" text NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"tier" text NOT NULL,
	"tier_rank" integer NOT NULL,
	"children_count" integer DEFAULT 0 NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"apartment_id" bigint,
	"allocated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"application_id" bigint NOT NULL,
	"talent_id" bigint NOT NULL,
	"apartment_id" bigint NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"rent_monthly" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"venue" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"registered_count" integer DEFAULT 0 NOT NULL,
	"eligibility_policy_id" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"event_id" bigint NOT NULL,
	"talent_id" bigint NOT NULL,
	"status" text NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" text
);
--> statement-breakpoint
CREATE TABLE "loan_products" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"bank_account_id" bigint NOT NULL,
	"bank_name" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"eligible_tiers" text[] NOT NULL,
	"min_amount" integer NOT NULL,
	"max_amount" integer NOT NULL,
	"rate_text_zh" text NOT NULL,
	"rate_text_en" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loan_applications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"product_id" bigint NOT NULL,
	"talent_id" bigint NOT NULL,
	"amount" integer NOT NULL,
	"purpose" text NOT NULL,
	"consent_fields" text[] NOT NULL,
	"consent_text" text NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"shared" jsonb NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"approved_amount" integer,
	"decision_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reserve_levels" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"rank" integer NOT NULL,
	"review_months" integer NOT NULL,
	"criteria_policy_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reserve_members" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"talent_id" bigint NOT NULL,
	"level_id" bigint NOT NULL,
	"entry_path" text NOT NULL,
	"nominated_by" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"next_review_date" date NOT NULL,
	"exited_at" timestamp with time zone,
	"exit_reason" text
);
--> statement-breakpoint
CREATE TABLE "reserve_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"member_id" bigint NOT NULL,
	"talent_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"from_level_id" bigint,
	"to_level_id" bigint,
	"note" text DEFAULT '' NOT NULL,
	"by" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "apartments" ADD CONSTRAINT "apartments_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "housing_applications" ADD CONSTRAINT "housing_applications_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "housing_applications" ADD CONSTRAINT "housing_applications_talent_id_talents_id_fk" FOREIGN KEY ("talent_id") REFERENCES "public"."talents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "housing_applications" ADD CONSTRAINT "housing_applications_apartment_id_apartments_id_fk" FOREIGN KEY ("apartment_id") REFERENCES "public"."apartments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_application_id_housing_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."housing_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_talent_id_talents_id_fk" FOREIGN KEY ("talent_id") REFERENCES "public"."talents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_apartment_id_apartments_id_fk" FOREIGN KEY ("apartment_id") REFERENCES "public"."apartments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_talent_id_talents_id_fk" FOREIGN KEY ("talent_id") REFERENCES "public"."talents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_products" ADD CONSTRAINT "loan_products_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_products" ADD CONSTRAINT "loan_products_bank_account_id_accounts_id_fk" FOREIGN KEY ("bank_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_applications" ADD CONSTRAINT "loan_applications_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_applications" ADD CONSTRAINT "loan_applications_product_id_loan_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."loan_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_applications" ADD CONSTRAINT "loan_applications_talent_id_talents_id_fk" FOREIGN KEY ("talent_id") REFERENCES "public"."talents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_levels" ADD CONSTRAINT "reserve_levels_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_members" ADD CONSTRAINT "reserve_members_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_members" ADD CONSTRAINT "reserve_members_talent_id_talents_id_fk" FOREIGN KEY ("talent_id") REFERENCES "public"."talents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_members" ADD CONSTRAINT "reserve_members_level_id_reserve_levels_id_fk" FOREIGN KEY ("level_id") REFERENCES "public"."reserve_levels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_history" ADD CONSTRAINT "reserve_history_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_history" ADD CONSTRAINT "reserve_history_member_id_reserve_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."reserve_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_history" ADD CONSTRAINT "reserve_history_talent_id_talents_id_fk" FOREIGN KEY ("talent_id") REFERENCES "public"."talents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "apartments_district_building_unit" ON "apartments" USING btree ("district","building","unit");--> statement-breakpoint
CREATE INDEX "apartments_district_building_status" ON "apartments" USING btree ("district","building","status");--> statement-breakpoint
CREATE INDEX "housing_applications_queue" ON "housing_applications" USING btree ("district","building","status");--> statement-breakpoint
CREATE UNIQUE INDEX "housing_applications_one_open" ON "housing_applications" USING btree ("district","talent_id") WHERE status in ('waiting', 'allocated');--> statement-breakpoint
CREATE UNIQUE INDEX "leases_one_active_per_apartment" ON "leases" USING btree ("apartment_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "leases_talent" ON "leases" USING btree ("talent_id");--> statement-breakpoint
CREATE INDEX "events_district_starts" ON "events" USING btree ("district","starts_at");--> statement-breakpoint
CREATE INDEX "event_registrations_event_status" ON "event_registrations" USING btree ("event_id","status");--> statement-breakpoint
CREATE INDEX "event_registrations_talent" ON "event_registrations" USING btree ("talent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_one_open" ON "event_registrations" USING btree ("event_id","talent_id") WHERE status in ('registered', 'waiting');--> statement-breakpoint
CREATE INDEX "loan_products_district" ON "loan_products" USING btree ("district");--> statement-breakpoint
CREATE INDEX "loan_applications_product_status" ON "loan_applications" USING btree ("product_id","status");--> statement-breakpoint
CREATE INDEX "loan_applications_talent" ON "loan_applications" USING btree ("talent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reserve_levels_district_code" ON "reserve_levels" USING btree ("district","code");--> statement-breakpoint
CREATE UNIQUE INDEX "reserve_members_one_active" ON "reserve_members" USING btree ("district","talent_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "reserve_members_review" ON "reserve_members" USING btree ("district","status","next_review_date");--> statement-breakpoint
CREATE INDEX "reserve_history_member" ON "reserve_history" USING btree ("member_id","at");
