-- DropForeignKey
ALTER TABLE "call_attempts" DROP CONSTRAINT "call_attempts_number_id_fkey";

-- DropForeignKey
ALTER TABLE "call_attempts" DROP CONSTRAINT "call_attempts_batch_id_fkey";

-- DropIndex
DROP INDEX "call_attempts_number_id_attempt_no_key";

-- AlterTable
ALTER TABLE "campaign_numbers" DROP CONSTRAINT "campaign_numbers_pkey",
ADD CONSTRAINT "campaign_numbers_pkey" PRIMARY KEY ("campaign_id", "id");

-- AlterTable
ALTER TABLE "batches" DROP CONSTRAINT "batches_pkey",
ADD CONSTRAINT "batches_pkey" PRIMARY KEY ("campaign_id", "id");

-- AlterTable
ALTER TABLE "call_attempts" DROP CONSTRAINT "call_attempts_pkey",
ADD CONSTRAINT "call_attempts_pkey" PRIMARY KEY ("campaign_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_numbers_id_key" ON "campaign_numbers"("id");

-- CreateIndex
CREATE UNIQUE INDEX "batches_id_key" ON "batches"("id");

-- CreateIndex
CREATE UNIQUE INDEX "call_attempts_id_key" ON "call_attempts"("id");

-- CreateIndex
CREATE UNIQUE INDEX "call_attempts_campaign_id_number_id_attempt_no_key" ON "call_attempts"("campaign_id", "number_id", "attempt_no");

-- AddForeignKey
ALTER TABLE "call_attempts" ADD CONSTRAINT "call_attempts_campaign_id_number_id_fkey" FOREIGN KEY ("campaign_id", "number_id") REFERENCES "campaign_numbers"("campaign_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_attempts" ADD CONSTRAINT "call_attempts_campaign_id_batch_id_fkey" FOREIGN KEY ("campaign_id", "batch_id") REFERENCES "batches"("campaign_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
