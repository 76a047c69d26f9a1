CREATE TYPE "public"."pack_version_status" AS ENUM('active', 'superseded');--> statement-breakpoint
CREATE TABLE "pack_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"pack_id" text NOT NULL,
	"version" integer NOT NULL,
	"label" text NOT NULL,
	"files" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text NOT NULL,
	"status" "pack_version_status" DEFAULT 'active' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policies" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"policy_id" text NOT NULL,
	"pack_version_id" bigint NOT NULL,
	"audience" text NOT NULL,
	"kind" text NOT NULL,
	"department_zh" text,
	"department_en" text,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"summary_zh" text,
	"summary_en" text,
	"grant_mode" text NOT NULL,
	"illustrative" boolean DEFAULT false NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"body_seg" text NOT NULL,
	"tsv" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', body_seg)) STORED
);
--> statement-breakpoint
ALTER TABLE "pack_versions" ADD CONSTRAINT "pack_versions_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_pack_version_id_pack_versions_id_fk" FOREIGN KEY ("pack_version_id") REFERENCES "public"."pack_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pack_versions_district_version" ON "pack_versions" USING btree ("district","version");--> statement-breakpoint
CREATE UNIQUE INDEX "pack_versions_one_active" ON "pack_versions" USING btree ("district") WHERE status = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "policies_version_policy" ON "policies" USING btree ("pack_version_id","policy_id");--> statement-breakpoint
CREATE INDEX "policies_district_version" ON "policies" USING btree ("district","pack_version_id");--> statement-breakpoint
CREATE INDEX "policies_tsv" ON "policies" USING gin ("tsv");