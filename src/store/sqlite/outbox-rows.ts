import type { OutboxRow } from '../../domain/outbox.ts';
import * as columns from '../outbox-rows.ts';
import { SQLITE_CODEC } from './codec.ts';

export type { OutboxDbRow } from '../outbox-rows.ts';

export const rowToOutbox = (row: columns.OutboxDbRow): OutboxRow =>
  columns.rowToOutbox(row, SQLITE_CODEC);
