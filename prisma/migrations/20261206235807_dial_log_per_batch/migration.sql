-- The dial log keeps one row per batch (its numbers in "phones") instead of one per number.

-- AlterTable
ALTER TABLE "dial_log" ADD COLUMN "phones" TEXT[], ALTER COLUMN "phone" DROP NOT NULL;

-- Data: the per-number rows become one row per batch (per dial time, for rows without a batch).
INSERT INTO "dial_log" ("tenant_id", "dialed_at", "batch_id", "phones")
SELECT "tenant_id", "dialed_at", "batch_id", array_agg("phone" ORDER BY "phone")
FROM "dial_log" WHERE "phones" IS NULL
GROUP BY "tenant_id", "dialed_at", "batch_id";
DELETE FROM "dial_log" WHERE "phones" IS NULL;

-- DropIndex
DROP INDEX "dial_log_tenant_id_phone_dialed_at_idx";

-- AlterTable
ALTER TABLE "dial_log" DROP COLUMN "phone";

-- CreateIndex
CREATE INDEX "dial_log_phones_idx" ON "dial_log" USING GIN ("phones");

-- CreateIndex
CREATE INDEX "dial_log_batch_id_idx" ON "dial_log"("batch_id");
