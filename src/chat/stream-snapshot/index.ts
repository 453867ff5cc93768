export {
  SNAPSHOT_FORMAT,
  SNAPSHOT_TABLES,
  SNAPSHOT_VERSION,
  type SnapshotChannel,
  type SnapshotMember,
  type SnapshotMessage,
  type SnapshotRow,
  type SnapshotTable,
  type SnapshotUser,
  type StreamSnapshot,
} from './stream-snapshot.ts';
export { parseStreamSnapshot, type ParsedSnapshot } from './parse-stream-snapshot.ts';
export { captureStreamSnapshot, type CaptureDeps, type CaptureOptions } from './capture-stream-snapshot.ts';
export { loadSnapshotTables } from './load-snapshot-tables.ts';
export { snapshotStreamCli, SNAPSHOT_USAGE, type SnapshotIo } from './snapshot-stream-cli.ts';
