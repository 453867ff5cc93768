/**
 * The module under test as the actors call it: src/chat as it is, or with one collaborator
 * swapped for a planted bug (planted/). The heal phase runs the same implementation: a bug in
 * the repair is still there when the operator runs it again.
 */
import { applyStreamRepair } from '../../../src/chat/apply-stream-repair.ts';
import { auditStream } from '../../../src/chat/audit-stream.ts';
import { createGymRoom } from '../../../src/chat/create-gym-room.ts';
import { handleStreamWebhook } from '../../../src/chat/handle-stream-webhook.ts';
import { repairJob, type RepairJob, type RepairJobDeps } from './repair-job.ts';

export interface ChatImplementation {
  audit: RepairJobDeps['audit'];
  apply: RepairJobDeps['apply'];
  repair: RepairJob;
  createGymRoom: typeof createGymRoom;
  handleStreamWebhook: typeof handleStreamWebhook;
}

export const srcChat: ChatImplementation = {
  audit: auditStream,
  apply: applyStreamRepair,
  repair: repairJob,
  createGymRoom,
  handleStreamWebhook,
};
