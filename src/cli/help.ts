import { Help, type Command } from 'commander';
import { readFileSync } from 'node:fs';

/** Herald's version, as package.json gives it. */
export function heraldVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/**
 * The top-level help lists every subcommand, nested ones included (`feeds add <url>`), so
 * `herald --help` alone shows everything Herald can do. A group's own help is as commander
 * prints it.
 */
export function listEverySubcommand(program: Command): void {
  const base = new Help();
  program.configureHelp({
    visibleCommands: (cmd) =>
      cmd === program ? base.visibleCommands(cmd).flatMap(withChildren) : base.visibleCommands(cmd),
    subcommandTerm: (cmd) => {
      const parent = cmd.parent;
      const prefix = parent === null || parent === program ? '' : `${parent.name()} `;
      return prefix + base.subcommandTerm(cmd);
    },
  });
}

function withChildren(cmd: Command): Command[] {
  const children = cmd.commands.filter((child) => child.name() !== 'help');
  return [cmd, ...children.flatMap(withChildren)];
}
