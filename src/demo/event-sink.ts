// Where the simulation sends events: it asks first whether anyone wants a type (so unwanted
// events cost nothing to format) and then hands over the line(s) without "650 ". Types only.

export interface EventSink {
  wants(type: string): boolean;
  /** "BW 1 2", or the lines of a multi-line event (["CONF_CHANGED", "Nickname=x"]). */
  emit(event: string | readonly string[]): void;
  /** A data-block event such as NEWCONSENSUS. */
  emitData(head: string, body: string): void;
}

/** Connection and stream ids: one counter as in tor (global_identifier), with gaps for the connections not reported. */
export interface IdSource {
  nextConnectionId(): number;
  nextCircuitId(): number;
}
