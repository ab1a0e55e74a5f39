// Runs what the interpreter's user typed: raw control commands through controller.request (the
// reply kept raw), /help, /events (a bounded ring filled by tapping the events ortop already
// receives — it subscribes to nothing), /info from tor's own documents, and keeps the transcript,
// history and completion vocabulary. No drawing; the page owns the view.
import type { Controller } from '../../controller/index.js';
import { parseConfigNames } from '../../relay/config/config-info.js';
import { optionNameIndex, type OptionNameIndex } from '../../relay/config/change-policy.js';
import {
  addToHistory,
  appendEntry,
  classifyInfoTarget,
  emptyTranscript,
  findRelaysByAddress,
  formatRelayInfo,
  helpLines,
  NO_HELP_KEYS,
  parseInfoDescriptions,
  type HelpKeys,
  noteEntry,
  outputEntry,
  parseInfoNames,
  parseStatusEntry,
  planCommand,
  redactCommand,
  replyEntry,
  TOR_COMMANDS,
  type CommandPlan,
  type CompletionVocabulary,
  EventRing,
  type OutputLine,
  type Transcript,
} from '../../relay/interpreter/index.js';
import type { Clock } from '../../controller/index.js';
import type { InterpreterHistoryStore } from './interpreter-history-store.js';

export interface RunnerOptions {
  readonly controller: Controller;
  readonly clock: Clock;
  readonly store: InterpreterHistoryStore;
  readonly onChange: () => void;
}

export type RunOutcome = { readonly kind: 'done' } | { readonly kind: 'leave' } | { readonly kind: 'confirm'; readonly line: string; readonly reason: string };

const EMPTY_VOCABULARY: CompletionVocabulary = { commands: TOR_COMMANDS, infoKeys: [], options: [], events: [], signals: [], features: [] };

export class InterpreterRunner {
  transcript: Transcript = emptyTranscript;
  history: readonly string[] = [];
  vocabulary: CompletionVocabulary = EMPTY_VOCABULARY;
  /** What /help COMMAND lists: the keys tor offers, with info/names' descriptions. */
  private helpKeys: HelpKeys = NO_HELP_KEYS;
  /** tor's option names, to read SETCONF/RESETCONF names as tor does before judging them. */
  private optionNames: OptionNameIndex = optionNameIndex([]);
  readonly events = new EventRing();
  private readonly unsubscribers: Array<() => void> = [];
  private historyLoaded = false;
  private opened = false;

  constructor(private readonly options: RunnerOptions) {}

  /** Keeps the events tor sends from now on (for /events), from start-up. */
  start(): void {
    const c = this.options.controller;
    this.unsubscribers.push(
      c.tapEvents((type, reply) => {
        this.events.push(this.options.clock.nowMs(), type, reply);
      }),
    );
  }

  /** The page is shown: loads the history and tor's vocabulary (again on each connection). Once. */
  open(): void {
    if (this.opened) return;
    this.opened = true;
    const c = this.options.controller;
    this.unsubscribers.push(
      c.onState((change) => {
        if (change.kind === 'connected') void this.loadVocabulary();
      }),
    );
    if (c.state === 'connected') void this.loadVocabulary();
    void this.options.store.load().then((saved) => {
      let merged = saved;
      for (const line of this.history) merged = addToHistory(merged, line);
      this.history = merged;
      this.historyLoaded = true;
      this.options.onChange();
    });
  }

  stop(): void {
    for (const u of this.unsubscribers.splice(0)) u();
  }

  get isHistoryLoaded(): boolean {
    return this.historyLoaded;
  }

  private async loadVocabulary(): Promise<void> {
    try {
      const info = await this.options.controller.getInfo(['info/names', 'events/names', 'signal/names', 'features/names', 'config/names']);
      const words = (key: string) => (info.get(key) ?? '').split(/\s+/).filter((w) => w !== '');
      this.vocabulary = {
        commands: TOR_COMMANDS,
        infoKeys: parseInfoNames(info.get('info/names') ?? ''),
        options: parseConfigNames(info.get('config/names') ?? '').map((n) => n.name),
        events: words('events/names'),
        signals: words('signal/names'),
        features: words('features/names'),
      };
      this.optionNames = optionNameIndex(this.vocabulary.options);
      const v = this.vocabulary;
      this.helpKeys = { info: parseInfoDescriptions(info.get('info/names') ?? ''), options: v.options, events: v.events, signals: v.signals, features: v.features };
    } catch {
      this.vocabulary = EMPTY_VOCABULARY;
      this.helpKeys = NO_HELP_KEYS;
    }
    this.options.onChange();
  }

  private add(lines: readonly OutputLine[]): void {
    this.transcript = appendEntry(this.transcript, outputEntry(lines));
  }

  private note(text: string, style: OutputLine['style'] = 'note'): void {
    this.transcript = appendEntry(this.transcript, noteEntry(text, style));
  }

  /** One submitted line. Returns what the page should do next. */
  run(text: string): RunOutcome {
    const plan: CommandPlan = planCommand(text, this.optionNames);
    if (plan.kind === 'empty') return { kind: 'done' };
    this.transcript = appendEntry(this.transcript, { kind: 'command', text: redactCommand(text.trim()) });
    this.history = addToHistory(this.history, text);
    void this.options.store.save(this.history);
    switch (plan.kind) {
      case 'unknown-slash':
        this.note(`/${plan.name} is not an interpreter command; /help lists them.`, 'error');
        return { kind: 'done' };
      case 'refuse':
        this.note(`Not sent: ${plan.reason}`, 'error');
        return { kind: 'done' };
      case 'confirm':
        // The question and, later, its answer stay in the transcript: what was asked is on record.
        this.note(`${plan.reason} (y/n)`);
        return { kind: 'confirm', line: plan.line, reason: plan.reason };
      case 'send':
        void this.send(plan.line);
        return { kind: 'done' };
      case 'slash':
        return this.runSlash(plan.command, plan.args);
    }
  }

  /** The user answered a confirmation. */
  answer(line: string, confirmed: boolean): void {
    if (confirmed) {
      this.note(`Answered y. Sending ${redactCommand(line)}`);
      void this.send(line);
    } else this.note(`Answered n. Not sent: ${redactCommand(line)}`);
    this.options.onChange();
  }

  /** Keys pasted or typed ahead reached the question and were dropped (the app decides which). */
  noteDiscarded(count: number): void {
    this.note(`${count} pasted or typed-ahead character${count === 1 ? '' : 's'} discarded at this question: press y or n on its own to answer.`, 'error');
    this.options.onChange();
  }

  private async send(line: string): Promise<void> {
    try {
      const reply = await this.options.controller.request(line);
      this.transcript = appendEntry(this.transcript, replyEntry(reply));
    } catch (error) {
      this.note(error instanceof Error ? error.message : String(error), 'error');
    }
    this.options.onChange();
  }

  private runSlash(command: string, args: readonly string[]): RunOutcome {
    switch (command) {
      case 'quit':
        return { kind: 'leave' };
      case 'clear':
        this.transcript = emptyTranscript;
        return { kind: 'done' };
      case 'help':
        this.add(helpLines(args[0], this.helpKeys));
        return { kind: 'done' };
      case 'events':
        this.showEvents(args);
        return { kind: 'done' };
      case 'info':
        void this.info(args.join(' '));
        return { kind: 'done' };
      default:
        return { kind: 'done' };
    }
  }

  private showEvents(args: readonly string[]): void {
    if (args.length === 1 && args[0]!.toLowerCase() === 'clear') {
      this.events.clear();
      this.note('Recent events cleared.');
      return;
    }
    const events = this.events.list(args);
    const subscribed = this.options.controller.subscribedEvents;
    if (events.length === 0) {
      this.note(`No ${args.length === 0 ? '' : `${args.join(', ')} `}events received yet. ortop receives: ${subscribed.join(' ') || 'none'}.`);
      return;
    }
    const lines: OutputLine[] = [{ text: `${events.length} recent event${events.length === 1 ? '' : 's'} (the last ${this.events.limit} of each type; ortop receives ${subscribed.join(' ')}):`, style: 'heading' }];
    for (const e of events) {
      const time = new Date(e.atMs).toISOString().slice(11, 19);
      e.lines.forEach((l, i) => lines.push({ text: i === 0 ? `${time} ${l}` : `         ${l}`, style: i === 0 ? 'text' : 'data' }));
    }
    this.add(lines);
  }

  /** GETINFO of one key; a refusal becomes a note instead of an error. */
  private async infoKey(key: string, notes: string[]): Promise<string | undefined> {
    try {
      const value = await this.options.controller.getInfoOne(key);
      return value === '' ? undefined : value;
    } catch (error) {
      const e = error as { code?: unknown; replyText?: unknown; message?: unknown };
      notes.push(`${key}: ${typeof e.code === 'number' ? `${e.code} ${String(e.replyText)}` : String(e.message)}`);
      return undefined;
    }
  }

  private async info(arg: string): Promise<void> {
    const target = classifyInfoTarget(arg);
    const notes: string[] = [];
    let fingerprint: string | undefined;
    let status: string | undefined;
    if (target.kind === 'invalid') {
      this.note(target.reason, 'error');
      this.options.onChange();
      return;
    }
    if (target.kind === 'fingerprint') fingerprint = target.fingerprint;
    else if (target.kind === 'nickname') {
      status = await this.infoKey(`ns/name/${target.nickname}`, notes);
      fingerprint = status === undefined ? undefined : parseStatusEntry(status)?.fingerprint;
    } else {
      const all = await this.infoKey('ns/all', notes);
      const found = all === undefined ? [] : findRelaysByAddress(all, target.address);
      if (found.length > 1) {
        this.add([{ text: `${found.length} relays at ${target.address}:`, style: 'heading' }, ...found.map((e): OutputLine => ({ text: `  ${e.nickname} ${e.fingerprint} ${e.address}:${e.orPort}`, style: 'text' }))]);
        this.options.onChange();
        return;
      }
      fingerprint = found[0]?.fingerprint;
    }
    if (fingerprint === undefined) {
      this.add([{ text: `tor knows no relay for "${arg}" in its consensus.`, style: 'note' }, ...notes.map((n): OutputLine => ({ text: n, style: 'note' }))]);
      this.options.onChange();
      return;
    }
    status ??= await this.infoKey(`ns/id/${fingerprint}`, notes);
    const descriptor = await this.infoKey(`desc/id/${fingerprint}`, notes);
    const microdescriptor = await this.infoKey(`md/id/${fingerprint}`, notes);
    this.add(
      formatRelayInfo({
        ...(status === undefined ? {} : { status }),
        ...(descriptor === undefined ? {} : { descriptor }),
        ...(microdescriptor === undefined ? {} : { microdescriptor }),
        notes,
      }),
    );
    this.options.onChange();
  }
}
