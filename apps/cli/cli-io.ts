/** Where the CLI writes: results (JSON lines) to `out`, problems and usage to `err`. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}
