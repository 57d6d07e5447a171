import { LRUCache } from 'lru-cache';
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';

/**
 * CloudAdapter asks its BotFrameworkAuthentication, on every request, for a
 * new ConnectorFactory, which builds a new ConnectorClient (credentials, an
 * HTTP pipeline of policies, a serializer), and for a new UserTokenClient
 * (the same again) — about a fifth of a turn's CPU, even when the replies go
 * back in the response body (expectReplies) and neither client is used.
 *
 * This wraps the authentication CloudAdapter is given and keeps those clients
 * instead, keyed by everything they are built from: the bot's app id (from
 * the caller's claims, as botbuilder derives it), the serviceUrl and the
 * audience. The clients hold no per-request state; their credentials cache
 * their own tokens, which a kept client now reuses. botbuilder's older
 * BotFrameworkAdapter kept its ConnectorClients per serviceUrl and app id the
 * same way. Authentication itself is never cached: every request is checked.
 */

/** Distinct serviceUrls are few (one per Teams region); the bound only stops an unexpected spread. */
const MAX_CLIENTS = 200;

export class CachingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly connectorClients = new LRUCache<string, Promise<ConnectorClient>>({ max: MAX_CLIENTS });
  private readonly userTokenClients = new LRUCache<string, Promise<UserTokenClient>>({ max: MAX_CLIENTS });

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.keeping(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.keeping(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new KeptConnectorFactory(this.inner.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity), this.connectorClients);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = appIdOf(claimsIdentity);
    return remembered(this.userTokenClients, key, () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private keeping(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const factory = result.connectorFactory;
    return factory ? { ...result, connectorFactory: new KeptConnectorFactory(factory, appIdOf(result.claimsIdentity), this.connectorClients) } : result;
  }
}

/** A ConnectorFactory that hands out the client it made last time for the same app id, serviceUrl and audience. */
class KeptConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: LRUCache<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${this.appId}\n${serviceUrl}\n${audience ?? ''}`;
    return remembered(this.clients, key, () => this.inner.create(serviceUrl, audience));
  }
}

/** The app id botbuilder builds a request's clients for: the audience claim, else the app id claim (the Emulator's). */
function appIdOf(identity: ClaimsIdentity): string {
  return identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/** The kept promise, or a new one; a failed creation is forgotten so the next request tries again. */
function remembered<T>(cache: LRUCache<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  const kept = cache.get(key);
  if (kept) return kept;
  const made = create();
  cache.set(key, made);
  made.catch(() => {
    if (cache.get(key) === made) cache.delete(key);
  });
  return made;
}
