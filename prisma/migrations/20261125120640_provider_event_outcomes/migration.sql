-- DropIndex
DROP INDEX "provider_events_autocall_id_idx";

-- AlterTable
ALTER TABLE "provider_events" ADD COLUMN     "answer_sec" INTEGER,
ADD COLUMN     "answered" BOOLEAN,
ADD COLUMN     "call_uuid" TEXT,
ADD COLUMN     "hangup_cause" TEXT,
ADD COLUMN     "occurred_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "provider_events_autocall_id_attempt_id_idx" ON "provider_events"("autocall_id", "attempt_id");
