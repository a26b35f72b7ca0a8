import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, type ClientConfig, type Notification } from 'pg';
import type { DataSource } from 'typeorm';

/** Written by migration 0013's change_event_fan_out() on commit: payload = the new event's seq. */
export const CHANGES_CHANNEL = 'policy_cms_changes';
/** Written on commit when an event was fanned out to at least one webhook subscription (payload empty). */
export const WEBHOOKS_CHANNEL = 'policy_cms_webhooks';

const CHANNELS = [CHANGES_CHANNEL, WEBHOOKS_CHANNEL] as const;
export type DeliveryChannel = (typeof CHANNELS)[number];

const RECONNECT_FIRST_MS = 250;
const RECONNECT_MAX_MS = 10_000;

type Listener = (payload: string) => void;

/**
 * One LISTEN connection per API instance for the delivery side (the change stream and the webhook workers).
 *
 * PostgreSQL sends a NOTIFY only when its transaction commits, so a notification is a hint that committed rows are
 * there to read; it carries nothing that is not also in the tables. Listeners therefore always re-read the tables
 * (by seq, or by due time) and treat a lost connection as "something may have been missed": after a reconnect every
 * `onReconnect` handler runs so that it can read again, and the connection is retried with a doubling delay.
 */
@Injectable()
export class DeliveryNotifications implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('DeliveryNotifications');
  private readonly listeners = new Map<DeliveryChannel, Set<Listener>>(CHANNELS.map((channel) => [channel, new Set()]));
  private readonly reconnectHandlers = new Set<() => void>();
  private readonly config: ClientConfig | null;
  private client: Client | null = null;
  private closed = false;
  private connectedOnce = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelayMs = RECONNECT_FIRST_MS;
  private connecting: Promise<void> | null = null;

  constructor(@InjectDataSource() dataSource: DataSource) {
    const url = (dataSource.options as { url?: string }).url;
    this.config = url
      ? { connectionString: url, options: '-c timezone=UTC', keepAlive: true, application_name: 'policy-cms delivery' }
      : null;
  }

  /** True while the LISTEN connection is up (the stream and the workers fall back to polling otherwise). */
  get listening(): boolean {
    return this.client !== null;
  }

  onModuleInit(): Promise<void> {
    return this.connect();
  }

  /** Calls `listener` with each notification's payload on `channel`; returns the unsubscribe function. */
  subscribe(channel: DeliveryChannel, listener: Listener): () => void {
    const set = this.listeners.get(channel)!;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Calls `handler` after every reconnect (not the first connect): notifications may have been missed meanwhile. */
  onReconnect(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    if (this.closed || !this.config) return Promise.resolve();
    this.connecting = this.open(this.config).finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async open(config: ClientConfig): Promise<void> {
    const client = new Client(config);
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (message) => this.dispatch(message));
    try {
      await client.connect();
      for (const channel of CHANNELS) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      this.lost(client, error as Error);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.reconnectDelayMs = RECONNECT_FIRST_MS;
    if (this.connectedOnce) {
      this.logger.log('delivery listener reconnected; re-reading what may have been missed');
      for (const handler of this.reconnectHandlers) handler();
    }
    this.connectedOnce = true;
  }

  private lost(client: Client, error: Error): void {
    if (this.closed || (this.client !== null && this.client !== client) || this.reconnectTimer) return;
    this.logger.warn(`delivery listener lost (${error.message}); retrying in ${this.reconnectDelayMs} ms`);
    this.client = null;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, this.reconnectDelayMs);
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, RECONNECT_MAX_MS);
  }

  private dispatch(message: Notification): void {
    const set = this.listeners.get(message.channel as DeliveryChannel);
    if (!set) return;
    for (const listener of set) {
      try {
        listener(message.payload ?? '');
      } catch (error) {
        this.logger.error(`a ${message.channel} listener failed: ${(error as Error).message}`);
      }
    }
  }
}
