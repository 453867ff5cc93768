export { eachFaultOnceAsItself } from './each-fault-once-as-itself.ts';
export { noMessageLoss } from './no-message-loss.ts';
export { teamMatchesGym } from './team-matches-gym.ts';
export { syncedRoomsUntouched } from './synced-rooms-untouched.ts';
export { repairIdempotent } from './repair-idempotent.ts';
