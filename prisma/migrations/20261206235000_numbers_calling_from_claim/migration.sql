-- Numbers are stored 'calling' from the claim on; 'dialing' is shown, not stored: a number whose
-- batch the provider has not accepted yet (packages/db/src/in-flight.ts). Numbers claimed under the
-- old rule (in a batch not yet accepted) move to the new one; their batch's acceptance no longer
-- writes them.
UPDATE "campaign_numbers" SET "status" = 'calling' WHERE "status" = 'dialing';
