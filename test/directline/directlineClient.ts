import { DirectLine, type Activity, ConnectionStatus } from 'botframework-directlinejs';
import { Observable } from 'rxjs/Observable';
import WebSocket from 'ws';

/**
 * The official Direct Line client in Node: its ajax service over fetch (the
 * library expects rxjs 5 Observable.ajax, which needs XMLHttpRequest) and `ws`
 * for WebSocket. `headers` adds to every request (e.g. an Origin).
 */
export function nodeAjax(extraHeaders: Record<string, string> = {}) {
  const ajax = (request: { method?: string; url: string; body?: unknown; headers?: Record<string, string>; timeout?: number }) =>
    new Observable<{ response: any; status: number }>((subscriber) => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), request.timeout ?? 20000);
      const body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      fetch(request.url, { method: request.method ?? 'GET', headers: { ...(request.headers ?? {}), ...extraHeaders }, body, signal: controller.signal })
        .then(async (res) => {
          const text = await res.text();
          const response = text ? JSON.parse(text) : null;
          if (res.status >= 400) {
            subscriber.error({ status: res.status, response, xhr: { getResponseHeader: (name: string) => res.headers.get(name) } });
          } else {
            subscriber.next({ response, status: res.status });
            subscriber.complete();
          }
        })
        .catch((err) => subscriber.error({ status: 0, message: String(err), xhr: { getResponseHeader: () => null } }))
        .finally(() => clearTimeout(timer));
      return () => controller.abort();
    });
  return ajax;
}

class OriginWebSocket extends WebSocket {
  static origin: string | undefined;
  constructor(url: string) {
    super(url, OriginWebSocket.origin ? { origin: OriginWebSocket.origin } : {});
  }
}

export function directLineClient(options: { domain: string; token: string; conversationId?: string; watermark?: string; webSocket: boolean; pollingInterval?: number }) {
  // The library decides between WebSocket and polling by looking for a global WebSocket.
  (globalThis as any).WebSocket = (globalThis as any).WebSocket ?? WebSocket;
  return new DirectLine({ ...options, ajax: nodeAjax(), WebSocket: OriginWebSocket } as any);
}

/** Resolves with the first `count` activities matching, or rejects after `ms`. */
export function collect(dl: DirectLine, count: number, match: (a: Activity) => boolean = () => true, ms = 10000): Promise<Activity[]> {
  return new Promise((resolve, reject) => {
    const got: Activity[] = [];
    const timer = setTimeout(() => {
      sub.unsubscribe();
      reject(new Error(`timed out with ${got.length}/${count} activities: ${JSON.stringify(got.map((a) => (a as any).text ?? a.type))}`));
    }, ms);
    const sub = dl.activity$.subscribe((activity) => {
      if (!match(activity)) return;
      got.push(activity);
      if (got.length === count) {
        clearTimeout(timer);
        setImmediate(() => sub.unsubscribe());
        resolve(got);
      }
    });
  });
}

export function whenStatus(dl: DirectLine, status: ConnectionStatus, ms = 10000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`connection never reached ${ConnectionStatus[status]}`)), ms);
    const sub = dl.connectionStatus$.subscribe((s) => {
      if (s === status) {
        clearTimeout(timer);
        setImmediate(() => sub.unsubscribe());
        resolve();
      }
    });
  });
}

export function post(dl: DirectLine, activity: Partial<Activity>): Promise<string> {
  return new Promise((resolve, reject) => {
    dl.postActivity({ from: { id: 'ignored' }, ...activity } as Activity).subscribe(resolve, reject);
  });
}

export { ConnectionStatus };
