/**
 * The passphrase that opens the browser mode's saved passwords: from JABBER_DESK_PASSPHRASE (for
 * scripts and services), or typed at the terminal without echo.
 */
import { createInterface } from 'node:readline';

export const PASSPHRASE_VARIABLE = 'JABBER_DESK_PASSPHRASE';

/** The passphrase, or null when there is neither the variable nor a terminal to ask at. */
export async function readPassphrase(prompt: string): Promise<string | null> {
  const fromEnvironment = process.env[PASSPHRASE_VARIABLE];
  if (fromEnvironment !== undefined && fromEnvironment !== '') return fromEnvironment;
  if (!process.stdin.isTTY) return null;
  process.stdout.write(prompt);
  const input = createInterface({ input: process.stdin, terminal: true });
  // Typed characters are not echoed: readline's output goes nowhere.
  (input as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => {};
  try {
    return await new Promise<string>((resolve) => input.question('', resolve));
  } finally {
    input.close();
    process.stdout.write('\n');
  }
}
