// What an edit on the config page means for tor: the prompt's prefilled text for an option, and
// the command a submitted text becomes (SETCONF with one or several values, RESETCONF for an
// empty answer). Pure; the page sends it through the controller.
import { secretOptionNamed } from '../../protocol/secret-options.js';
import type { ConfigOption } from './config-options.js';
import { isLineListType, sameConfValues } from './value-units.js';

export type ConfigEditPlan =
  | { readonly kind: 'set'; readonly name: string; readonly values: readonly string[] }
  | { readonly kind: 'reset'; readonly name: string }
  | { readonly kind: 'unchanged'; readonly name: string }
  | { readonly kind: 'refused'; readonly name: string; readonly reason: string };

/** Line lists are typed as one line with "; " between values; "\;" is a literal semicolon. */
export const LINE_SEPARATOR = '; ';

export function splitLineListInput(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === ';') {
      current += ';';
      i++;
    } else if (c === ';') {
      out.push(current.trim());
      current = '';
    } else current += c;
  }
  out.push(current.trim());
  return out.filter((v) => v !== '');
}

export function joinLineListValues(values: readonly string[]): string {
  return values.map((v) => v.replace(/;/g, '\\;')).join(LINE_SEPARATOR);
}

/** Why an option cannot be edited on this page, or undefined when it can. */
export function editRefusal(option: ConfigOption): string | undefined {
  if (option.isVirtual) return `${option.name} is a group name, not an option: edit its members instead`;
  if (option.type === 'Dependent' && /^HiddenService/i.test(option.name)) {
    return 'onion service options must be set together (HiddenServiceDir, then its HiddenServicePort lines): use the interpreter page, e.g. SETCONF HiddenServiceDir=… HiddenServicePort=…';
  }
  return undefined;
}

/** Options whose values are secrets (the table in src/protocol/secret-options.ts): never shown, searched or prefilled. */
export function isCredentialOption(name: string): boolean {
  return secretOptionNamed(name) !== undefined;
}

/** The text the edit prompt starts with: the current value as tor would take it back. */
export function editPrefill(option: ConfigOption): string {
  return option.valueKnown && !isCredentialOption(option.name) ? editText(option, option.values) : '';
}

function editText(option: ConfigOption, values: readonly string[]): string {
  return isLineListType(option.type) ? joinLineListValues(values) : (values[0] ?? '');
}

const BOOLEAN_WORDS: Readonly<Record<string, string>> = { true: '1', yes: '1', on: '1', false: '0', no: '0', off: '0' };

export function planConfigEdit(option: ConfigOption, input: string): ConfigEditPlan {
  const refusal = editRefusal(option);
  if (refusal !== undefined) return { kind: 'refused', name: option.name, reason: refusal };
  const text = input.trim();
  if (text === '') return { kind: 'reset', name: option.name };
  let values: string[];
  if (isLineListType(option.type)) values = splitLineListInput(text);
  else if (option.type === 'Boolean' || option.type === 'Boolean+Auto') values = [BOOLEAN_WORDS[text.toLowerCase()] ?? text];
  else values = [text];
  if (values.length === 0) return { kind: 'reset', name: option.name };
  if (option.valueKnown && sameConfValues(option.type, values, option.values)) return { kind: 'unchanged', name: option.name };
  return { kind: 'set', name: option.name, values };
}
