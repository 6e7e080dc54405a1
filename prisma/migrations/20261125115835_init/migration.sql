-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "api_key_role" AS ENUM ('admin', 'member');

-- CreateEnum
CREATE TYPE "campaign_status" AS ENUM ('scheduled', 'running', 'paused', 'completed', 'cancelled', 'failed');

-- CreateEnum
CREATE TYPE "call_status" AS ENUM ('pending', 'dialing', 'calling', 'retry', 'answered', 'failed', 'invalid', 'no_result', 'unknown', 'cancelled', 'suppressed');

-- CreateEnum
CREATE TYPE "batch_status" AS ENUM ('claimed', 'sending', 'sent', 'ambiguous', 'rejected');

-- CreateEnum
CREATE TYPE "attempt_outcome" AS ENUM ('pending', 'answered', 'not_answered', 'no_result', 'unknown');

-- CreateEnum
CREATE TYPE "delivery_status" AS ENUM ('pending', 'delivered', 'failed');

-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "key_prefix" TEXT NOT NULL,
    "role" "api_key_role" NOT NULL DEFAULT 'member',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaigns" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "status" "campaign_status" NOT NULL DEFAULT 'scheduled',
    "send_time" TIMESTAMPTZ(3) NOT NULL,
    "number_call_per_time" INTEGER NOT NULL,
    "duration_of_each_call" INTEGER NOT NULL,
    "max_retry_of_detail" INTEGER NOT NULL,
    "retry_after_seconds" INTEGER NOT NULL,
    "scripts" JSONB NOT NULL,
    "number_call_outs" TEXT[],
    "last_slot_index" INTEGER NOT NULL DEFAULT -1,
    "next_wake_at" TIMESTAMPTZ(3),
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "pause_reason" TEXT,
    "pause_detail" TEXT,
    "accepted_count" INTEGER NOT NULL DEFAULT 0,
    "duplicate_count" INTEGER NOT NULL DEFAULT 0,
    "invalid_count" INTEGER NOT NULL DEFAULT 0,
    "source" TEXT NOT NULL DEFAULT 'native',
    "time_zone" TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
    "call_windows" JSONB,
    "skip_dates" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "daily_attempt_cap" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_numbers" (
    "id" BIGSERIAL NOT NULL,
    "campaign_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "phone" TEXT NOT NULL,
    "status" "call_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "last_batch_id" BIGINT,
    "invalid_reason" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_numbers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "batches" (
    "id" BIGSERIAL NOT NULL,
    "campaign_id" UUID NOT NULL,
    "slot_index" INTEGER NOT NULL,
    "slot_time" TIMESTAMPTZ(3) NOT NULL,
    "status" "batch_status" NOT NULL DEFAULT 'claimed',
    "size" INTEGER NOT NULL,
    "provider_session_id" TEXT,
    "request_attempts" INTEGER NOT NULL DEFAULT 0,
    "retry_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_attempts" (
    "id" BIGSERIAL NOT NULL,
    "number_id" BIGINT NOT NULL,
    "campaign_id" UUID NOT NULL,
    "batch_id" BIGINT NOT NULL,
    "attempt_no" INTEGER NOT NULL,
    "dialed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" "attempt_outcome" NOT NULL DEFAULT 'pending',
    "outcome_at" TIMESTAMPTZ(3),
    "provider_call_id" TEXT,
    "answer_sec" INTEGER,
    "hangup_cause" TEXT,

    CONSTRAINT "call_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provider_events" (
    "id" BIGSERIAL NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "autocall_id" TEXT,
    "to_number" TEXT,
    "attempt_id" BIGINT,
    "payload" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_events" (
    "id" BIGSERIAL NOT NULL,
    "campaign_id" UUID NOT NULL,
    "from_status" "campaign_status",
    "to_status" "campaign_status" NOT NULL,
    "actor" TEXT NOT NULL,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "access_tokens" (
    "id" UUID NOT NULL,
    "api_key_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "access_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "suppressed_numbers" (
    "tenant_id" UUID NOT NULL,
    "phone" TEXT NOT NULL,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suppressed_numbers_pkey" PRIMARY KEY ("tenant_id","phone")
);

-- CreateTable
CREATE TABLE "dial_log" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "phone" TEXT NOT NULL,
    "dialed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "dial_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "tenant_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("tenant_id","key")
);

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "events" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "delivery_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "last_status" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_tenant_id_idx" ON "api_keys"("tenant_id");

-- CreateIndex
CREATE INDEX "campaigns_tenant_id_created_at_idx" ON "campaigns"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "campaigns_status_next_wake_at_idx" ON "campaigns"("status", "next_wake_at");

-- CreateIndex
CREATE INDEX "campaign_numbers_campaign_id_status_next_attempt_at_positio_idx" ON "campaign_numbers"("campaign_id", "status", "next_attempt_at", "position");

-- CreateIndex
CREATE INDEX "campaign_numbers_campaign_id_position_idx" ON "campaign_numbers"("campaign_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_numbers_campaign_id_phone_key" ON "campaign_numbers"("campaign_id", "phone");

-- CreateIndex
CREATE INDEX "batches_provider_session_id_idx" ON "batches"("provider_session_id");

-- CreateIndex
CREATE INDEX "batches_campaign_id_status_idx" ON "batches"("campaign_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "batches_campaign_id_slot_index_key" ON "batches"("campaign_id", "slot_index");

-- CreateIndex
CREATE INDEX "call_attempts_batch_id_idx" ON "call_attempts"("batch_id");

-- CreateIndex
CREATE INDEX "call_attempts_campaign_id_outcome_dialed_at_idx" ON "call_attempts"("campaign_id", "outcome", "dialed_at");

-- CreateIndex
CREATE UNIQUE INDEX "call_attempts_number_id_attempt_no_key" ON "call_attempts"("number_id", "attempt_no");

-- CreateIndex
CREATE UNIQUE INDEX "provider_events_dedupe_key_key" ON "provider_events"("dedupe_key");

-- CreateIndex
CREATE INDEX "provider_events_autocall_id_idx" ON "provider_events"("autocall_id");

-- CreateIndex
CREATE INDEX "campaign_events_campaign_id_created_at_idx" ON "campaign_events"("campaign_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "access_tokens_token_hash_key" ON "access_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "access_tokens_expires_at_idx" ON "access_tokens"("expires_at");

-- CreateIndex
CREATE INDEX "dial_log_tenant_id_phone_dialed_at_idx" ON "dial_log"("tenant_id", "phone", "dialed_at");

-- CreateIndex
CREATE INDEX "dial_log_dialed_at_idx" ON "dial_log"("dialed_at");

-- CreateIndex
CREATE INDEX "idempotency_keys_expires_at_idx" ON "idempotency_keys"("expires_at");

-- CreateIndex
CREATE INDEX "webhook_endpoints_tenant_id_idx" ON "webhook_endpoints"("tenant_id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_status_next_attempt_at_idx" ON "webhook_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_endpoint_id_created_at_idx" ON "webhook_deliveries"("endpoint_id", "created_at");

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_numbers" ADD CONSTRAINT "campaign_numbers_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batches" ADD CONSTRAINT "batches_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_attempts" ADD CONSTRAINT "call_attempts_number_id_fkey" FOREIGN KEY ("number_id") REFERENCES "campaign_numbers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_attempts" ADD CONSTRAINT "call_attempts_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_events" ADD CONSTRAINT "campaign_events_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "suppressed_numbers" ADD CONSTRAINT "suppressed_numbers_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;
