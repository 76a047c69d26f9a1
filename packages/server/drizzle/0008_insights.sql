CREATE TABLE "indicator_actuals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"code" text NOT NULL,
	"value" double precision NOT NULL,
	"as_of" date NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"entered_by" text NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insight_series" (
	"district" text NOT NULL,
	"dataset" text NOT NULL,
	"period" text DEFAULT '' NOT NULL,
	"key" text NOT NULL,
	"sub_key" text DEFAULT '' NOT NULL,
	"value" double precision NOT NULL,
	"label" text,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "insight_series_district_dataset_period_key_sub_key_pk" PRIMARY KEY("district","dataset","period","key","sub_key")
);
--> statement-breakpoint
CREATE TABLE "aggregation_index" (
	"district" text NOT NULL,
	"month" text NOT NULL,
	"value" double precision NOT NULL,
	"components" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "aggregation_index_district_month_pk" PRIMARY KEY("district","month")
);
--> statement-breakpoint
CREATE TABLE "insight_refreshes" (
	"district" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"steps" integer DEFAULT 0 NOT NULL,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "indicator_actuals" ADD CONSTRAINT "indicator_actuals_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_series" ADD CONSTRAINT "insight_series_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aggregation_index" ADD CONSTRAINT "aggregation_index_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_refreshes" ADD CONSTRAINT "insight_refreshes_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_actuals_district_code" ON "indicator_actuals" USING btree ("district","code","as_of","id");
