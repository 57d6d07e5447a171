import { ConnectorClient, ConnectorFactory } from 'botframework-connector';
import { connectorCall, parseConnectorUrl, type ConnectorDeps } from './connector';

/**
 * botbuilder's ConnectorClient for the bot and the website channel in one
 * process. The four calls CloudAdapter makes for a turn (send, reply, update,
 * delete) go straight to `connectorCall` with the activity as JSON, skipping
 * the client's request pipeline (its model serialiser alone cost more than the
 * rest of the reply); any other call goes through the pipeline to an HTTP
 * client that also ends in `connectorCall`, never on a socket. A reply no
 * longer waits in the server's own accept queue behind the visitors' requests,
 * which is where Direct Line posts timed out under load, and one client is
 * kept for the process instead of one built per turn.
 */

/** The response shape botbuilder's HTTP compat layer expects from an HttpClient. */
interface CompatResponse {
  request: unknown;
  status: number;
  headers: { toJson(options?: { preserveCase?: boolean }): Record<string, string> };
  bodyAsText: string;
}

const JSON_HEADERS = { toJson: () => ({ 'content-type': 'application/json; charset=utf-8' }) };

export class InProcessConnectorFactory extends ConnectorFactory {
  private readonly clients = new Map<string, ConnectorClient>();

  constructor(private readonly deps: ConnectorDeps) {
    super();
  }

  /** The client for this serviceUrl (in practice one: this server's connector URL). */
  async create(serviceUrl: string): Promise<ConnectorClient> {
    let client = this.clients.get(serviceUrl);
    if (!client) {
      client = new ConnectorClient(NO_CREDENTIALS, { baseUri: serviceUrl, httpClient: this.httpClient() } as ConstructorParameters<typeof ConnectorClient>[1]);
      this.shortCircuit(client);
      if (this.clients.size > 8) this.clients.clear(); // the port is fixed once listening; this only bounds a surprise
      this.clients.set(serviceUrl, client);
    }
    return client;
  }

  /** The turn's own calls, without the pipeline: same answers, same errors. */
  private shortCircuit(client: ConnectorClient): void {
    const call = async (method: string, conversationId: string, activityId: string | undefined, activity: unknown) => {
      const answer = await connectorCall(this.deps, { method, conversationId, activityId, body: activity === undefined ? {} : toWire(activity) });
      if (answer.status >= 300) throw Object.assign(new Error(`connector ${method}: ${JSON.stringify(answer.body)}`), { statusCode: answer.status });
      return answer.body as { id?: string };
    };
    const conversations = client.conversations as unknown as Record<string, unknown>;
    conversations.sendToConversation = async (conversationId: string, activity: unknown) => call('POST', conversationId, undefined, activity);
    conversations.replyToActivity = async (conversationId: string, activityId: string, activity: unknown) => call('POST', conversationId, activityId, activity);
    conversations.updateActivity = async (conversationId: string, activityId: string, activity: unknown) => call('PUT', conversationId, activityId, activity);
    conversations.deleteActivity = async (conversationId: string, activityId: string) => {
      await call('DELETE', conversationId, activityId, undefined);
    };
  }

  private httpClient() {
    const deps = this.deps;
    return {
      async sendRequest(request: { url: string; method: string; body?: unknown }): Promise<CompatResponse> {
        const target = parseConnectorUrl(request.url);
        const answer = target
          ? await connectorCall(deps, { method: request.method, ...target, body: parseBody(request.body) })
          : { status: 404, body: { error: { code: 'NotFound', message: 'Not a connector address.' } } };
        return { request, status: answer.status, headers: JSON_HEADERS, bodyAsText: JSON.stringify(answer.body) };
      },
    };
  }
}

/** Nothing leaves the process, so there is nothing to sign. */
const NO_CREDENTIALS = {
  async signRequest<T>(webResource: T): Promise<T> {
    return webResource;
  },
} as unknown as ConstructorParameters<typeof ConnectorClient>[0];

/** An activity as it would have crossed the wire: plain JSON, dates as ISO strings. */
function toWire(activity: unknown): unknown {
  return JSON.parse(JSON.stringify(activity)) as unknown;
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body ?? {};
  try {
    return JSON.parse(body);
  } catch {
    return {};
  }
}
