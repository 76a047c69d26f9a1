CREATE TABLE "shortage_occupations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"year" integer NOT NULL,
	"code" text,
	"occupation" text NOT NULL,
	"category" text,
	"scarcity" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"note" text,
	"updated_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demands" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"enterprise_id" bigint NOT NULL,
	"title" text NOT NULL,
	"occupation" text NOT NULL,
	"headcount" integer NOT NULL,
	"degree" text,
	"major" text,
	"experience_years" integer,
	"salary_min" integer,
	"salary_max" integer,
	"location" text,
	"deadline" date,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"review_note" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"body_seg" text NOT NULL,
	"tsv" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', body_seg)) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demand_applications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"demand_id" bigint NOT NULL,
	"talent_id" bigint NOT NULL,
	"score" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_seekers" (
	"talent_id" bigint PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"opted_in" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shortage_occupations" ADD CONSTRAINT "shortage_occupations_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_applications" ADD CONSTRAINT "demand_applications_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_applications" ADD CONSTRAINT "demand_applications_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_applications" ADD CONSTRAINT "demand_applications_talent_id_talents_id_fk" FOREIGN KEY ("talent_id") REFERENCES "public"."talents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_seekers" ADD CONSTRAINT "job_seekers_talent_id_talents_id_fk" FOREIGN KEY ("talent_id") REFERENCES "public"."talents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_seekers" ADD CONSTRAINT "job_seekers_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "shortage_occupations_district_year_occupation" ON "shortage_occupations" USING btree ("district","year","occupation");--> statement-breakpoint
CREATE INDEX "demands_district_status" ON "demands" USING btree ("district","status");--> statement-breakpoint
CREATE INDEX "demands_enterprise" ON "demands" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "demands_tsv" ON "demands" USING gin ("tsv");--> statement-breakpoint
CREATE UNIQUE INDEX "demand_applications_demand_talent" ON "demand_applications" USING btree ("demand_id","talent_id");--> statement-breakpoint
CREATE INDEX "demand_applications_talent" ON "demand_applications" USING btree ("talent_id");
