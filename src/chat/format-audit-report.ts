// The audit as the operator reads it: one line per gym in the format the team's own audit
// printed (synced / only in Stream / only in DB / sync rate), then every finding on one line,
// grouped by gym, so a wrong team reads as ONE problem with both gyms named.
import { formatGymLine, type AuditFinding } from './audit-finding.ts';
import type { AuditReport } from './audit-stream.ts';

export function describeFinding(finding: AuditFinding): string {
  const where = [
    finding.gymId === null ? 'no gym' : `gym ${finding.gymId}`,
    ...(finding.roomId === null ? [] : [`room ${finding.roomId}`]),
  ].join(', ');
  const stream =
    finding.cid === null
      ? 'not in Stream'
      : `team ${finding.team ?? '(none)'}, gym_id ${finding.channelGymId ?? '(none)'}`;
  const event = finding.eventId === null ? '' : `, event ${finding.eventId}`;
  return `${finding.kind} ${finding.channelId} (${where}${event}): ${stream}`;
}

export function formatAuditReport(report: AuditReport): string {
  const lines = [`audit stream: ${report.channelsListed} channel(s) listed in ${report.pages} page(s)`];
  for (const gym of report.gyms) lines.push(`  ${formatGymLine(gym)}`);
  lines.push(report.findings.length === 0 ? 'no faults found' : `${report.findings.length} fault(s):`);
  for (const finding of report.findings) lines.push(`  ${describeFinding(finding)}`);
  return lines.join('\n');
}
