import type { Reply } from '../../domain/reply.ts';
import type { CommandName } from '../command.ts';
import type { Run } from '../deps.ts';
import { usageError } from '../replies.ts';

/**
 * Whether this user may change this chat's subscription: always in a private chat; in a group
 * or channel only its admins (the adapter asks the platform) and operators.
 */
export async function mayChange(run: Run): Promise<boolean> {
  if (run.context.target.kind === 'private' || run.isOperator) return true;
  return run.context.isAdmin();
}

export function notAllowed(name: CommandName, run: Run): Reply {
  const where = run.t(
    run.context.target.kind === 'channel' ? 'permission.channel' : 'permission.group',
  );
  return usageError(run.t, name, run.t('permission.notAdmin', { where }));
}
