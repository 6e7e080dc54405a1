-- AlterTable
ALTER TABLE "dial_log" ADD COLUMN     "batch_id" BIGINT;
