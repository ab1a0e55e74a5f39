// What every panel shares with the app: key hints (for the help popup) and the commands a panel
// asks the app to run. Panels never call the controller or touch timers; they return commands.

export interface KeyHint {
  /** As shown in help, e.g. "p", "Left/Right", "1-5". */
  readonly keys: string;
  readonly description: string;
  /** The current value where the key toggles or cycles something, e.g. "on". */
  readonly current?: string;
}

export type PanelCommand =
  | { readonly kind: 'signal'; readonly name: string }
  | { readonly kind: 'set-events'; readonly events: readonly string[] }
  | { readonly kind: 'close-circuit'; readonly id: string }
  | { readonly kind: 'message'; readonly text: string };
