// WebSocket transport for signed frames on the section LAN. It only moves text: signatures, counters
// and resending from the outbox after a reconnection are the services' (docs/design.md §1).
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { MAX_BOOTH_FRAME_BYTES, MAX_CONSOLE_FRAME_BYTES } from './frame.js';
import type { FrameRejectionCode } from './codes.js';

export interface Connection {
  readonly id: number;
  send(text: string): void;
  close(): void;
}

/** The console's end: booths connect to it. */
export class LinkServer extends EventEmitter<{ frame: [Connection, string]; refused: [Connection, FrameRejectionCode]; closed: [Connection]; opened: [Connection] }> {
  readonly #server: WebSocketServer;
  #next = 1;

  private constructor(server: WebSocketServer) {
    super();
    this.#server = server;
    server.on('connection', (socket) => {
      const connection: Connection = {
        id: this.#next++,
        send: (text) => {
          if (socket.readyState === WebSocket.OPEN) socket.send(text);
        },
        close: () => socket.terminate(),
      };
      this.emit('opened', connection);
      socket.on('message', (data, isBinary) => {
        if (isBinary) this.emit('refused', connection, 'binary-frame');
        else this.emit('frame', connection, (data as Buffer).toString('utf8'));
      });
      socket.on('close', () => this.emit('closed', connection));
      socket.on('error', (error: Error & { code?: string }) => {
        // ws has stopped reading a frame over maxPayload (R33) and drops the connection.
        if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.emit('refused', connection, 'frame-too-large');
        socket.terminate();
      });
    });
  }

  static listen(host: string, port: number): Promise<LinkServer> {
    return new Promise((resolve, reject) => {
      const server = new WebSocketServer({ host, port, maxPayload: MAX_BOOTH_FRAME_BYTES });
      server.once('listening', () => resolve(new LinkServer(server)));
      server.once('error', reject);
    });
  }

  get url(): string {
    const address = this.#server.address() as AddressInfo;
    return `ws://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
  }

  close(): Promise<void> {
    for (const client of this.#server.clients) client.terminate();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

/** A booth's end: connects, and reconnects with a growing pause until told to stop. */
export class LinkClient extends EventEmitter<{ frame: [string]; connected: []; disconnected: [] }> {
  #socket: WebSocket | null = null;
  #stopped = false;
  #delay = 50;

  constructor(readonly url: string) {
    super();
    this.#connect();
  }

  get connected(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  #connect(): void {
    if (this.#stopped) return;
    const socket = new WebSocket(this.url, { maxPayload: MAX_CONSOLE_FRAME_BYTES });
    this.#socket = socket;
    socket.on('open', () => {
      this.#delay = 50;
      this.emit('connected');
    });
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.emit('frame', (data as Buffer).toString('utf8'));
    });
    socket.on('close', () => {
      if (this.#socket === socket) this.#socket = null;
      this.emit('disconnected');
      if (!this.#stopped) setTimeout(() => this.#connect(), this.#delay);
      this.#delay = Math.min(this.#delay * 2, 1000);
    });
    socket.on('error', () => socket.terminate());
  }

  /** Sends when connected; a frame sent while disconnected is resent from the outbox later. */
  send(text: string): boolean {
    if (!this.connected) return false;
    this.#socket!.send(text);
    return true;
  }

  /** Drops the connection (for tests of reconnection); it is made again. */
  drop(): void {
    this.#socket?.terminate();
  }

  close(): void {
    this.#stopped = true;
    this.#socket?.terminate();
  }
}
