// The privacy scan, last of the full run: every workflow on the suite's Temporal server (its
// history with every payload decoded, its search attributes and memo), the API's and every
// worker's log, every URL any file sent, every file's notifications table, and the e-mail
// digests and webhook payloads of notifications.chaos.ts. No name, ID number or account number registered by
// any file may appear in any of them. (restarts.chaos.ts scans its own server's histories.)
import { Client, Connection } from '@temporalio/client';
import { expect, inject, it } from 'vitest';
import { artifactTexts, findLeaks, historyTexts, registeredPeople } from './support/privacy.js';
import { Counts } from './support/counts.js';
import { join } from 'node:path';

it('no registered name, ID number or account number in any history, log, URL, notification, mail or webhook of the suite', async () => {
  const dir = inject('chaosArtifactsDir')!;
  const people = registeredPeople(dir);
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  try {
    const histories = await historyTexts(new Client({ connection }));
    const files = artifactTexts(dir);
    new Counts(join(dir, 'counts-privacy.json')).add('histories', histories.length);
    console.log(
      `privacy: ${people.length} people, ${histories.length} histories, ${files.length} log and URL files (${files.reduce((n, f) => n + f.text.length, 0)} characters)`,
    );
    expect(people.length).toBeGreaterThanOrEqual(100);
    expect(histories.length).toBeGreaterThanOrEqual(100);
    expect(files.filter((f) => f.id.startsWith('logs/worker-')).length).toBeGreaterThanOrEqual(3);
    expect(files.filter((f) => f.id.startsWith('logs/api-')).length).toBeGreaterThanOrEqual(3);
    expect(files.filter((f) => f.id.startsWith('notifications-')).length).toBeGreaterThanOrEqual(3);
    expect(files.filter((f) => f.id.startsWith('mail-') && f.text.length > 0)).toHaveLength(1);
    expect(files.filter((f) => f.id.startsWith('webhooks-') && f.text.length > 0)).toHaveLength(1);
    expect(findLeaks([...histories, ...files], people)).toEqual([]);
  } finally {
    await connection.close();
  }
});
