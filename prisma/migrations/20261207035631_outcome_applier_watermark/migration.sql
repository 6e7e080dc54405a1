-- The outcome applier records how far it has got in one row instead of writing every event it
-- applies (applied_at, attempt_id): an event is written once, when it is appended.

-- AlterTable (every existing event gets this migration's transaction id)
ALTER TABLE "provider_events" ADD COLUMN     "applied_inline" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "xact" xid8 NOT NULL DEFAULT pg_current_xact_id();

-- CreateTable
CREATE TABLE "outcome_applier" (
    "id" INTEGER NOT NULL,
    "applied_xact" xid8 NOT NULL,
    "applied_id" BIGINT NOT NULL,

    CONSTRAINT "outcome_applier_pkey" PRIMARY KEY ("id")
);

-- Data: the mark starts just before the oldest event still waiting (all existing events share this
-- transaction's id, so id order among them), or after the newest when none is waiting.
INSERT INTO "outcome_applier" ("id", "applied_xact", "applied_id")
SELECT 1, pg_current_xact_id(),
       COALESCE((SELECT min("id") - 1 FROM "provider_events" WHERE "applied_at" IS NULL), (SELECT max("id") FROM "provider_events"), 0);

-- DropIndex
DROP INDEX "provider_events_autocall_id_attempt_id_idx";

-- DropIndex
DROP INDEX "provider_events_applied_at_id_idx";

-- AlterTable
ALTER TABLE "provider_events" DROP COLUMN "applied_at",
DROP COLUMN "attempt_id";

-- CreateIndex
CREATE INDEX "provider_events_autocall_id_idx" ON "provider_events"("autocall_id");

-- CreateIndex
CREATE INDEX "provider_events_xact_id_idx" ON "provider_events"("xact", "id");
