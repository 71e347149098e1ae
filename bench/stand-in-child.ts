/**
 * The platform stand-in in a process of its own, as a platform is: arrivals are then timed by
 * its own event loop, not delayed behind the sender's work (which made sends that left in
 * order arrive bunched). Prints its URL, then answers one IPC message "report" with what it
 * took and refused, and exits.
 * Usage: node --import tsx bench/stand-in-child.ts <limit> <instant|slow>
 */
import { platformLike, startStandIn } from './stand-in.ts';

const [limit, pace] = process.argv.slice(2);
const standIn = await startStandIn(
  Number(limit),
  pace === 'slow' ? { latencyMs: platformLike } : {},
);
process.on('message', (message) => {
  if (message !== 'report') return;
  process.send?.({ arrivals: standIn.accepted(), tooMany: standIn.tooMany() }, () => {
    void standIn.close().then(() => process.exit(0));
  });
});
process.on('disconnect', () => process.exit(0));
process.stdout.write(`${standIn.url}\n`);
