/**
 * Child process for the cross-process race: opens the shared data folder,
 * says "ready", waits for "go" on stdin, confirms one slot, prints the result.
 * Usage: tsx test/booking/confirm-slot.ts <dataDir> <leadId> <slotId>
 */
import { NOW, openService } from './fixtures';

const [dataDir, leadId, slotId] = process.argv.slice(2);
void openService(dataDir).then((service) => {
  process.stdout.write('ready\n');
  process.stdin.setEncoding('utf8');
  process.stdin.once('data', async () => {
    const result = await service.booking.confirm({ leadId, slotId, now: NOW });
    await service.close();
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  });
});
