// The Health page's view state: how far it is scrolled and whether checks that are ok are listed.
// Plain data; keys change it in health-keys.ts.

export interface HealthView {
  /** First body row shown (select clamps it and returns the value it used). */
  readonly scroll: number;
  /** Rows the body had when last drawn (PgUp/PgDn). */
  readonly pageRows: number;
  /** List the checks that are ok too (default), or only what needs a look. */
  readonly showOk: boolean;
}

export function initialHealthView(): HealthView {
  return { scroll: 0, pageRows: 10, showOk: true };
}
