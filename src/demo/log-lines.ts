// Log messages of the kinds a busy tor relay really writes, with the shapes of tor 0.4.9's own
// texts: occasional NOTICE/WARN lines, INFO and DEBUG chatter ("function(): …"), the six-hourly
// heartbeat and SIGNAL DUMP statistics. Text only; when and to whom they go is demo-tor's job.

import type { Random } from './random.js';
import type { SimRelay } from './relay-types.js';
import { relayLongName } from './relay-types.js';
import { formatHeartbeatBytes, formatHeartbeatUptime } from './time-format.js';

export interface LogContext {
  readonly uptimeSec: number;
  readonly address: string;
  readonly orPort: number;
  readonly readBytes: number;
  readonly writtenBytes: number;
  /** All circuits through us (mostly other people's), as the heartbeat counts them. */
  readonly circuitsOpen: number;
  readonly relay: () => SimRelay;
}

export interface LogLine {
  readonly runlevel: 'DEBUG' | 'INFO' | 'NOTICE' | 'WARN' | 'ERR';
  readonly message: string;
}

function suppressed(random: Random): string {
  return random.chance(0.6) ? ` [${random.int(2, 4000)} similar message(s) suppressed in last ${random.pick([60, 300, 600, 3600])} seconds]` : '';
}

function pointer(random: Random): string {
  return `0x55${random.hex(5).toLowerCase()}`;
}

/** A NOTICE or (less often) WARN line of the occasional kind. */
export function makeNoticeOrWarn(random: Random, ctx: LogContext): LogLine {
  const r = ctx.relay();
  return random.weighted<() => LogLine>([
    [() => ({ runlevel: 'NOTICE', message: `Your network connection speed appears to have changed. Resetting timeout to ${random.pick([60000, 1500, 2000])}ms after ${random.int(12, 18)} timeouts and ${random.int(100, 1000)} buildtimes.` }), 3],
    [() => ({ runlevel: 'NOTICE', message: `Our directory information is no longer up-to-date enough to build circuits: We're missing descriptors for ${random.int(1, 2)}/3 of our primary entry guards (total microdescriptors: ${random.int(7800, 8100)}/${random.int(8100, 8300)}). That's ok. We will try to fetch missing descriptors soon.` }), 2],
    [() => ({ runlevel: 'NOTICE', message: 'We now have enough directory information to build circuits.' }), 2],
    [() => ({ runlevel: 'NOTICE', message: `Self-testing indicates your ORPort ${ctx.address}:${ctx.orPort} is reachable from the outside. Excellent.` }), 1],
    [() => ({ runlevel: 'NOTICE', message: 'Performing bandwidth self-test...done.' }), 1],
    [() => ({ runlevel: 'NOTICE', message: `Tried for 120 seconds to get a connection to [scrubbed]:${random.pick([443, 80, 5222])}. Giving up. (waiting for circuit)` }), 6],
    [() => ({ runlevel: 'NOTICE', message: `Channel padding timeout scheduled ${random.int(200, 1500)}ms in the past.${suppressed(random)}` }), 5],
    [() => ({ runlevel: 'WARN', message: `Your computer is too slow to handle this many circuit creation requests! Please consider using the MaxAdvertisedBandwidth config option or choosing a more restricted exit policy.${suppressed(random)}` }), 2],
    [() => ({ runlevel: 'WARN', message: `Received http status code 404 ("Not found") from server ${r.address}:${r.orPort} while fetching "/tor/keys/fp-sk/${random.hex(20)}-${random.hex(20)}".` }), 1.5],
    [() => ({ runlevel: 'WARN', message: `Your Guard ${r.nickname} ($${r.fingerprint}) is failing a very large amount of circuits. Most likely this means the Tor network is overloaded, but it could also mean an attack against you or potentially the guard itself. Success counts are ${random.int(60, 90)}/${random.int(180, 260)}. Use counts are ${random.int(20, 40)}/${random.int(40, 50)}. ${random.int(150, 250)} circuits completed, 0 were unusable, ${random.int(50, 150)} collapsed, and ${random.int(5, 40)} timed out. For reference, your timeout cutoff is 60 seconds.` }), 0.7],
    [() => ({ runlevel: 'WARN', message: 'Possible compression bomb; abandoning stream.' }), 0.3],
  ])();
}

/** INFO chatter: tor prefixes INFO and DEBUG messages with the function that logged them. */
export function makeInfo(random: Random, ctx: LogContext): string {
  const r = ctx.relay();
  return random.weighted<() => string>([
    [() => `channel_tls_process_versions_cell(): Negotiated version 5 with ${r.address}:${r.orPort}; Waiting for CERTS cell`, 10],
    [() => `channel_tls_process_certs_cell(): Got some good certificates from ${r.address}:${r.orPort}: Authenticated it with RSA and Ed25519`, 8],
    [() => `connection_or_client_learned_peer_id(): learned peer id for ${pointer(random)} (${r.address}): ${r.fingerprint}, ${random.base64(32)}`, 5],
    [() => 'circuit_finish_handshake(): Finished building circuit hop:', 8],
    [() => `circuit_send_intermediate_onion_skin(): Sending extend relay cell.`, 6],
    [() => 'circuit_build_no_more_hops(): circuit built!', 6],
    [() => `circuit_mark_for_close_(): Circuit ${random.int(0, 4_000_000_000)} (id: ${random.int(1000, 90000)}) marked for close at src/core/or/command.c:${random.pick([597, 628, 646])} (orig reason: ${random.pick([1, 3, 9])}, new reason: 0)`, 8],
    [() => `connection_edge_process_relay_cell_not_open(): 'connected' received for circid ${random.int(2_000_000_000, 4_000_000_000)} streamid ${random.int(1, 65535)} after ${random.int(0, 2)} seconds.`, 5],
    [() => `circuit_expire_building(): Abandoning circ ${random.int(1000, 90000)} ${r.address}:${r.orPort}:${random.int(2_000_000_000, 4_000_000_000)} (state 0,0:doing handshakes, purpose 5, len 3)`, 3],
    [() => `update_consensus_router_descriptor_downloads(): 0 router descriptors downloadable. 0 delayed; ${random.int(7800, 8200)} present (0 of those were in old_routers); 0 would_reject; 0 wouldnt_use; 0 in progress.`, 2],
    [() => `circuit_build_times_set_timeout(): Set circuit build timeout to ${random.int(1, 3)}s (${random.int(900, 2500)}.000000ms, 60000.000000ms, Xm: ${random.int(400, 900)}, a: ${random.float(1.5, 3).toFixed(6)}, r: ${random.float(0.02, 0.2).toFixed(6)}) based on 1000 circuit times`, 2],
    [() => 'or_state_save(): Saved state to disk.', 1],
    [() => `connection_exit_connect(): [scrubbed]:25 failed exit policy. Closing.`, 2],
  ])();
}

/** DEBUG chatter, only ever generated while someone listens (tor writes thousands per second). */
export function makeDebug(random: Random, ctx: LogContext): string {
  const r = ctx.relay();
  const fd = random.int(12, 4000);
  return random.weighted<() => string>([
    [() => `conn_read_callback(): socket ${fd} wants to read.`, 12],
    [() => `connection_buf_read_from_socket(): ${fd}: starting, inbuf_datalen 0 (0 pending in tls object). at_most ${random.pick([16448, 32896, 65792])}.`, 10],
    [() => `connection_or_process_cells_from_inbuf(): ${fd}: starting, inbuf_datalen ${random.int(1, 8) * 514} (0 pending in tls object).`, 8],
    [() => 'circuit_receive_relay_cell(): Passing on unrecognized cell.', 10],
    [() => 'append_cell_to_circuit_queue(): Made a circuit active.', 8],
    [() => 'channel_flush_from_first_active_circuit(): Made a circuit inactive.', 6],
    [() => `channel_write_packed_cell(): Writing ${pointer(random)} to channel ${pointer(random)} with global ID ${random.int(10000, 9_000_000)}`, 8],
    [() => `connection_handle_write_impl(): After TLS write of ${random.int(1, 30) * 514}: 0 read, ${random.int(1, 30) * 543} written`, 6],
    [() => `relay_send_command_from_edge_(): delivering ${random.int(2, 9)} cell ${random.pick(['forward', 'backward'])}.`, 5],
    [() => `circuit_package_relay_cell(): encrypting a layer of the relay cell.`, 4],
    [() => `tor_tls_read(): read returned r=-1, err=-2`, 3],
    [() => `channel_tls_handle_cell(): Received a cell on channel ${pointer(random)} with global ID ${random.int(10000, 9_000_000)} from ${relayLongName(r)}`, 2],
  ])();
}

/** The heartbeat NOTICE lines tor writes every HeartbeatPeriod (and on SIGNAL HEARTBEAT). */
export function makeHeartbeat(random: Random, ctx: LogContext): string[] {
  const hours = ctx.uptimeSec / 3600;
  const inbound = Math.round(hours * 4100 + random.int(0, 500));
  const outbound = Math.round(hours * 1300 + random.int(0, 200));
  return [
    `Heartbeat: Tor's uptime is ${formatHeartbeatUptime(ctx.uptimeSec)}, with ${ctx.circuitsOpen} circuits open. ` +
      `I've sent ${formatHeartbeatBytes(ctx.writtenBytes)} and received ${formatHeartbeatBytes(ctx.readBytes)}. ` +
      `I've received ${inbound} connections on IPv4 and ${Math.round(inbound * 0.08)} on IPv6. ` +
      `I've made ${outbound} connections with IPv4 and ${Math.round(outbound * 0.11)} with IPv6.`,
    `Heartbeat: In the last 6 hours, I have seen ${random.int(9000, 26000)} unique clients.`,
    `Circuit handshake stats since last time: 0/0 TAP, ${random.int(150_000, 600_000)}/${random.int(600_001, 620_000)} NTor.`,
    `Since startup we initiated 0 and received 0 v1 connections; initiated 0 and received 0 v2 connections; initiated 0 and received ${Math.round(hours * 2)} v3 connections; initiated 0 and received ${Math.round(hours * 30)} v4 connections; initiated ${outbound} and received ${inbound} v5 connections.`,
    `Heartbeat: DoS mitigation since startup: 0 circuits killed with too many cells, ${Math.round(hours * 310)} circuits rejected, ${Math.round(hours / 6)} marked addresses, 0 marked addresses for max queue, 0 same address concurrent connections rejected, 0 connections rejected, 0 single hop clients refused, 0 INTRODUCE2 rejected.`,
  ];
}

/** A few of the statistics SIGNAL DUMP makes tor log. */
export function makeDump(random: Random, ctx: LogContext, orConns: number, circuits: number): string[] {
  return [
    'Dumping stats:',
    `Conn 0 socket 8 type 3 (Control listener) 127.0.0.1:9051 (listening) is open (last written ${random.int(0, 3)} seconds ago)`,
    `Conn 1 socket 9 type 1 (OR listener) 0.0.0.0:${ctx.orPort} (listening) is open`,
    `${orConns} OR connections, ${circuits} origin circuits.`,
    `Cells processed: ${Math.round(ctx.uptimeSec * 5200)} padding`,
    `                 ${Math.round(ctx.uptimeSec * 40)} create`,
    `                 ${Math.round(ctx.uptimeSec * 38)} created`,
    `                 ${Math.round(ctx.uptimeSec * 4900)} relay`,
    `Average packaged cell fullness: ${random.float(60, 80).toFixed(3)}%. TLS write overhead: ${random.int(2, 6)}%`,
    `Tor has been up for ${Math.round(ctx.uptimeSec)} seconds.`,
    `Average bandwidth: ${Math.round(ctx.readBytes / Math.max(1, ctx.uptimeSec))}/${Math.round(ctx.uptimeSec)} = ${Math.round(ctx.readBytes / Math.max(1, ctx.uptimeSec))} bytes/sec reading`,
  ];
}
