-- AlterTable
ALTER TABLE "provider_events" ADD COLUMN     "applied_at" TIMESTAMPTZ(3);

-- Events stored before this migration were applied when they were stored.
UPDATE "provider_events" SET "applied_at" = "received_at";

-- CreateIndex
CREATE INDEX "provider_events_applied_at_id_idx" ON "provider_events"("applied_at", "id");
