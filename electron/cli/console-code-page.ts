/**
 * The command line's Chinese in a Windows console whose code page is 936 (GBK). Node writes to a
 * console window through WriteConsoleW, in UTF-16, so Chinese shows right whatever the code page;
 * only a pipe or a redirect (`steward inspect a.xlsx | more`) hands the bytes to a program that
 * reads them in the console's code page. For such a run the console is switched to UTF-8 (65001)
 * and switched back when the command ends. Chosen over writing GBK: it needs no encoder (the
 * project ships no iconv-lite), keeps every character (GBK lacks some rare characters of names), and the bytes
 * of `> report.txt` stay UTF-8 like every file the workbench writes.
 */
import { execFileSync } from 'node:child_process';

/** The code page switch one run needs: to UTF-8, and back to `restore` at the end. */
export interface CodePageSwitch {
  readonly switchTo: 65001;
  readonly restore: number;
}

/** The code page in `chcp`'s answer, in any language ("活动代码页: 936", "Active code page: 936."). */
export function parseCodePage(chcpOutput: string): number | undefined {
  const match = /(\d+)\D*$/.exec(chcpOutput.trim());
  return match === null ? undefined : Number(match[1]);
}

/**
 * Whether a run must switch the console to UTF-8: only on Windows, only when stdout is not the
 * console itself (a pipe or a file), and only when the console is known and not UTF-8 already.
 */
export function planCodePageSwitch(
  platform: NodeJS.Platform,
  isStdoutConsole: boolean,
  chcpOutput: string | undefined,
): CodePageSwitch | undefined {
  if (platform !== 'win32' || isStdoutConsole || chcpOutput === undefined) return undefined;
  const codePage = parseCodePage(chcpOutput);
  if (codePage === undefined || codePage === 65001) return undefined;
  return { switchTo: 65001, restore: codePage };
}

/** Runs chcp.com on the console this process shares; its output, or undefined without a console. */
function runChcp(codePage?: number): string | undefined {
  try {
    return execFileSync('chcp.com', codePage === undefined ? [] : [String(codePage)], {
      encoding: 'latin1', // the digits are all that is read
      stdio: ['inherit', 'pipe', 'ignore'],
      windowsHide: true,
    });
  } catch {
    return undefined; // no console (a service, a scheduled task): nothing to switch
  }
}

/** Switches the console to UTF-8 for this run when it needs it; returns how to switch back. */
export function switchConsoleToUtf8(): () => void {
  const plan = planCodePageSwitch(
    process.platform,
    process.stdout.isTTY === true,
    process.platform === 'win32' ? runChcp() : undefined,
  );
  if (plan === undefined) return () => undefined;
  runChcp(plan.switchTo);
  return () => void runChcp(plan.restore);
}
