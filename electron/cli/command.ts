/** One verb of the `steward` command line. */
export interface Command {
  /** One line for the usage text, Chinese / English. */
  readonly summary: string;
  /** Runs the verb with the arguments after it; resolves to the exit code. */
  run(args: readonly string[]): Promise<number>;
}
