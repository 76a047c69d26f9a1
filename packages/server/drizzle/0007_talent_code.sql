CREATE TABLE "talent_code_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"alg" text NOT NULL,
	"public_key" text NOT NULL,
	"private_key_enc" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "talent_codes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"talent_id" bigint NOT NULL,
	"code" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "talent_code_revocations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"code_id" bigint NOT NULL,
	"code" text NOT NULL,
	"reason" text NOT NULL,
	"revoked_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "providers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"kind" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provider_staff" (
	"account_id" bigint PRIMARY KEY NOT NULL,
	"provider_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "talent_code_uses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"code_id" bigint NOT NULL,
	"talent_id" bigint NOT NULL,
	"provider_id" bigint NOT NULL,
	"service" text NOT NULL,
	"tier" text NOT NULL,
	"period" text NOT NULL,
	"scan_key" text NOT NULL,
	"recorded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "talent_codes" ADD CONSTRAINT "talent_codes_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_codes" ADD CONSTRAINT "talent_codes_talent_id_talents_id_fk" FOREIGN KEY ("talent_id") REFERENCES "public"."talents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_code_revocations" ADD CONSTRAINT "talent_code_revocations_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_code_revocations" ADD CONSTRAINT "talent_code_revocations_code_id_talent_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."talent_codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_staff" ADD CONSTRAINT "provider_staff_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_staff" ADD CONSTRAINT "provider_staff_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_code_uses" ADD CONSTRAINT "talent_code_uses_district_districts_code_fk" FOREIGN KEY ("district") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_code_uses" ADD CONSTRAINT "talent_code_uses_code_id_talent_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."talent_codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_code_uses" ADD CONSTRAINT "talent_code_uses_talent_id_talents_id_fk" FOREIGN KEY ("talent_id") REFERENCES "public"."talents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_code_uses" ADD CONSTRAINT "talent_code_uses_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "talent_codes_code" ON "talent_codes" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "talent_codes_one_active" ON "talent_codes" USING btree ("talent_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "talent_codes_district" ON "talent_codes" USING btree ("district","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "providers_district_name" ON "providers" USING btree ("district","name_zh");--> statement-breakpoint
CREATE UNIQUE INDEX "talent_code_uses_scan" ON "talent_code_uses" USING btree ("provider_id","service","scan_key");--> statement-breakpoint
CREATE INDEX "talent_code_uses_quota" ON "talent_code_uses" USING btree ("talent_id","service","period");--> statement-breakpoint
CREATE INDEX "talent_code_uses_district" ON "talent_code_uses" USING btree ("district","created_at");
